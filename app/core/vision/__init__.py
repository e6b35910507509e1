"""Seeing the screen: the one screen grabber, the anchor locator, and the choice of an anchor
picture that can be found again."""
