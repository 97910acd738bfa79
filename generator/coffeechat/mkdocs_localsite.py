"""The site loads nothing from another host and works opened straight from the disk, whatever the
user's mkdocs.yml asks for: the plugin applies these rules to MkDocs' configuration and output."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coffeechat.build import ASSET_DIR

log = logging.getLogger("mkdocs.plugins.coffeechat")

# Material's search worker cannot start from file: (browsers refuse a Worker there); this shim,
# vendored from the npm package iframe-worker, runs it in a hidden iframe. Material's offline
# plugin would load the same file from a CDN: any polyfill naming "iframe-worker" is ours instead.
WORKER_SHIM = f"{ASSET_DIR}/iframe-worker-shim.js"
# Plugins that fetch from other hosts (Material's social cards download fonts from Google Fonts).
_FETCHING_PLUGINS = ("social", "material/social")
# Emoji generators that inline their SVG or keep the character; any other one draws emoji with
# images from a CDN.
_LOCAL_EMOJI = ("material.extensions.emoji.to_svg", "pymdownx.emoji.to_alt")
# 'self' is the serving host (127.0.0.1 for `serve`); file: is the disk when the site is opened
# from it. Material's own inline scripts need 'unsafe-inline'; lunr's search needs neither eval
# nor another host.
CSP = "default-src 'self' file: data: blob: 'unsafe-inline'; object-src 'none'; base-uri 'self'"
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}
_SOURCE_FACTS = re.compile(r'(<a\b[^>]*class="md-source")\s+data-md-component="source"')


def is_remote(url: str) -> bool:
    """A URL that names another host (or any scheme): the browser would leave the machine."""
    parts = urlsplit(str(url).strip())
    return bool(parts.scheme or parts.netloc or str(url).strip().startswith("//"))


def keep_local(config: Any) -> None:
    """Change the configuration so that no page requests anything from another host."""
    _no_web_fonts(config)
    _local_scripts(config)
    _local_theme_images(config)
    _no_mermaid_cdn(config)
    _local_emoji(config)
    if config.extra.get("analytics"):
        log.warning("mkdocs.yml: extra.analytics is ignored; coffeechat's site loads nothing else")
        config.extra["analytics"] = None
    for name in _FETCHING_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin.config, "enabled", False):
            log.warning(f"mkdocs.yml: the {name} plugin is turned off; it fetches from other hosts")
            plugin.config.enabled = False


def _no_web_fonts(config: Any) -> None:
    # Material loads any font other than `false` from Google Fonts; the system's fonts are used.
    font = config.theme.get("font")
    if font is False:
        return
    if font and font != _MATERIAL_FONT:  # the user chose a font; Material's default goes quietly
        log.warning("mkdocs.yml: theme.font is ignored; pages use the system's fonts")
    config.theme["font"] = False


def _local_scripts(config: Any) -> None:
    config.extra_javascript[:] = _dropping_remote(config.extra_javascript, "extra_javascript")
    config.extra_css[:] = _dropping_remote(config.extra_css, "extra_css")
    polyfills = config.extra.get("polyfills") or []
    kept = [p for p in polyfills if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [WORKER_SHIM, *_dropping_remote(kept, "extra.polyfills")]


def _dropping_remote(items: list[Any], where: str) -> list[Any]:
    kept = []
    for item in items:
        if is_remote(str(item)):
            log.warning(f"mkdocs.yml: {where} entry {item} is left out; it loads from another host")
        else:
            kept.append(item)
    return kept


def _local_theme_images(config: Any) -> None:
    for key in ("logo", "favicon"):
        value = config.theme.get(key)
        if value and is_remote(str(value)):
            log.warning(f"mkdocs.yml: theme.{key} {value} is ignored; it loads from another host")
            config.theme[key] = None if key == "logo" else "assets/images/favicon.png"


def _no_mermaid_cdn(config: Any) -> None:
    # Material fetches mermaid from a CDN for any diagram block: diagrams stay as code instead.
    superfences = config.mdx_configs.get("pymdownx.superfences") or {}
    fences = superfences.get("custom_fences") or []
    kept = [f for f in fences if "mermaid" not in (str(f.get("class")), str(f.get("name")))]
    if len(kept) != len(fences):
        log.warning("mkdocs.yml: mermaid diagrams are shown as code; drawing them needs a CDN")
        superfences["custom_fences"] = kept


def _local_emoji(config: Any) -> None:
    emoji = config.mdx_configs.get("pymdownx.emoji")
    if emoji is None:
        return
    generator = emoji.get("emoji_generator")
    name = f"{getattr(generator, '__module__', '')}.{getattr(generator, '__name__', '')}"
    if generator is not None and name not in _LOCAL_EMOJI:
        import pymdownx.emoji

        log.warning("mkdocs.yml: emoji are shown as characters; emoji images load from a CDN")
        emoji["emoji_generator"] = pymdownx.emoji.to_alt
    elif generator is None:  # pymdownx's default draws emoji with images from a CDN
        import pymdownx.emoji

        emoji["emoji_generator"] = pymdownx.emoji.to_alt


def local_page(html: str) -> str:
    """A page as MkDocs wrote it, made to stay on the machine: Material asks GitHub's API for a
    repository's stars and forks (the link stays, the ask goes), and a content security policy
    lets the browser load nothing from another host, whatever raw HTML a note or a theme
    override holds. Links to other sites still open: a policy governs loads, not navigation."""
    html = _SOURCE_FACTS.sub(r"\1", html)
    return _HEAD.sub(lambda match: match.group(0) + CSP_META, html, count=1)


def write_search_script(site_dir: str) -> None:
    """Material's search reads search/search_index.js (not .json) when the page comes from the
    disk, where a browser refuses fetch(): the same index as a script."""
    folder = Path(site_dir) / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = index.read_text(encoding="utf-8")
    target = folder / "search_index.js"
    partial = folder / "search_index.js.partial"
    partial.write_text(f"var __index = {data}", encoding="utf-8")
    os.replace(partial, target)
