"""A user's feed."""

from dataclasses import dataclass


@dataclass
class Post:
    title: str
    hidden: bool = False
    likes: int = 0


def visible(posts: list[Post]) -> list[str]:
    """Titles of posts that are not hidden, in order."""
    titles = []
    for post in posts:
        if post.hidden:
            titles.append(post.title)
    return titles


def most_liked(posts: list[Post]) -> str:
    """Title of the post with the most likes."""
    return max(posts, key=lambda p: p.likes).title
