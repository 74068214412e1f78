"""Interface labels for the templates: ours, and those furo writes in fixed English."""

from __future__ import annotations

from sphinx.locale import get_translation

_ = get_translation('newsroom')


def interface_labels() -> dict[str, str]:
    """Every label our templates print (``newsroom_labels``), as plain text to escape.

    Templates' ``_()`` reaches only the ``sphinx`` catalog; these live in ``newsroom``."""
    labels = {
        'languages': _('Language'),
        'published': _('Published'),
        'also_in': _('Also in'),
        # previous/next of an article, by date
        'earlier': _('Earlier'),
        'later': _('Later'),
        'more_news': _('More news'),
        # furo's page.html: its two sidebar toggles, the theme toggle and a landmark (the other,
        # "On this page", is Sphinx's catalog's)
        'toggle_navigation': _('Toggle site navigation sidebar'),
        'toggle_toc': _('Toggle table of contents sidebar'),
        'toggle_theme': _('Toggle Light / Dark / Auto color theme'),
        'site_navigation': _('Site navigation'),
        # furo's partials/icons.html: the icons' titles
        'icon_toc': _('Contents'),
        'icon_menu': _('Menu'),
        'icon_expand': _('Expand'),
        'icon_light': _('Light mode'),
        'icon_dark': _('Dark mode'),
        'icon_auto_light': _('Auto light/dark, in light mode'),
        'icon_auto_dark': _('Auto light/dark, in dark mode'),
    }
    return {key: str(label) for key, label in labels.items()}
