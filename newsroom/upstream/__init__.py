"""The one place that touches private code of Sphinx, docutils, MyST-Parser and furo.

Each module here is one contact point: its docstring names what it touches, why, and the
upstream change that would let us delete it. ``versions.TESTED`` lists the releases the
contacts were tested with; :mod:`newsroom.upstream.versions` decides, once at setup, which
speed-ups run (none on an untested release, with a warning) and stops a build whose
translated text would depend on an untested release. Not a wing: the core and every wing
may import it; it imports nothing else of ``newsroom``.
"""
