"""The version of the extensions, which Sphinx records with every build's environment."""

VERSION = '2.0'
