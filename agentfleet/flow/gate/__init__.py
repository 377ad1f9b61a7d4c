"""The verification gate: checks a patch itself, in a fresh sandbox, and applies progressive trust."""
