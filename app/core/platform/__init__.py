"""Platform drivers: one module per system knows its windows and how to type text into them."""

from app.core.platform.windows_types import (
    Desktop,
    PlatformError,
    TypingStoppedError,
    WindowInfo,
    desktop_for_this_system,
)

__all__ = [
    "Desktop",
    "PlatformError",
    "TypingStoppedError",
    "WindowInfo",
    "desktop_for_this_system",
]
