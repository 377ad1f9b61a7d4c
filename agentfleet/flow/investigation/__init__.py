"""Investigation: map an error's frames to the code, find suspect commits, try to reproduce it."""
