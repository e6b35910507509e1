"""The X11 platform. Only this package talks to the X server through python-xlib.

``keyboard`` holds the keyboard tables and the typing plan, ``decoding`` what a key press types
(dead keys and Compose included), ``key_watch`` the RECORD thread that follows key events and
mapping changes in the server's order, ``desktop`` the windows and text input that apply them,
``clipboard`` the clipboard for pasting, ``pointer`` where the pointer is (for the fail-safe
corner), and ``listener`` pynput's keyboard listener with the X details of each key event.
"""
