"""The offline copy: the whole site, every language, as one zip that works opened from disk
(`file://`, no server), offered on the downloads page.

It is the project `generate` writes, configured for the disk (`offline_config`): page links
to `….html` files, Material's `offline` plugin (search from a script instead of a fetch), the
theme's Web Worker shim from the site itself instead of a CDN, and the progress manifest as a
script (`MANIFEST_SCRIPT`) that `overrides/main.html` loads before the progress script, since
browsers block `fetch` on `file://`. `engines.build_offline_copy` builds and zips it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from generator import i18n, paths
from generator.docs import DocsError
from generator.render import OfflineCopy

MANIFEST_SCRIPT = "assets/curriculum.js"
"""The progress manifest as a script, in each language's offline docs folder."""

WORKER_SHIM = "assets/javascripts/iframe-worker.js"
"""Where each language's copy holds Material's Web Worker shim for `file://`: its search runs
in a worker, which browsers do not start from a file. The shim is the npm package
iframe-worker (`SHIM_PACKAGE`, pinned in package.json; `make site` installs it), the one the
theme's `offline` plugin would otherwise load from a CDN."""

SHIM_PACKAGE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"

FOLDER = "downloads"
"""Where the zip is published in the source language's site (beside the downloads page)."""

LEFT_OUT = re.compile(r"(^|/)(404\.html|sitemap\.xml(\.gz)?)$|\.map$")
"""Files of a built site the copy leaves out: the not-found page (only a server shows it; its
links are absolute), the sitemaps (for search engines; the gzipped one carries the time of
the build) and the theme's source maps (for debugging it)."""

_EPOCH_1980 = 315532800  # the earliest time a zip entry can carry


def zip_stem(site_name: str) -> str:
    """The zip's name without `.zip`, and the folder it unpacks into: the site's name in lower
    case, ASCII letters and digits joined by hyphens (`ai-engineer-learning-roadmap-offline`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
    return f"{slug or 'site'}-offline"


def zip_path(site_name: str) -> str:
    """The zip's path in the site (`downloads/<name>-offline.zip`)."""
    return f"{FOLDER}/{zip_stem(site_name)}.zip"


def zip_href(path: str, language: str, directory_urls: bool, site_url: str | None) -> str | None:
    """The link from a translation's downloads page to the zip at `path` in the source
    language's site, or None for the source's own page (a Markdown link, which the engines
    check and resolve). The zip is outside a translation's docs folder, so no Markdown link
    reaches it: the address at `site_url`, else the way up from the page (MkDocs leaves a
    link in HTML as it is; Zensical takes it as relative to the Markdown file)."""
    if language == i18n.SOURCE:
        return None
    if site_url:
        return site_url.rstrip("/") + "/" + path
    depth = paths.page_url(paths.DOWNLOADS, directory_urls).count("/")
    return "../" * (depth + 1) + path


def offer(
    built: Path, site_name: str, language: str, directory_urls: bool, site_url: str | None
) -> OfflineCopy:
    """The built zip as the downloads page of the site in `language` offers it."""
    path = zip_path(site_name)
    href = zip_href(path, language, directory_urls, site_url)
    return OfflineCopy(path, href, path.rsplit("/", 1)[-1], built.stat().st_size)


def manifest_script(manifest: str) -> str:
    """The progress manifest (JSON text) as a script that sets `window.CURRICULUM_MANIFEST`.
    Re-encoded with every `<`, `>`, `&` and line separator escaped, so the text is safe in
    any script context (`</script>` in a curriculum cannot end it)."""
    data = json.dumps(json.loads(manifest), ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escape)
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.CURRICULUM_MANIFEST = {data};\n"


def offline_config(config: dict[str, Any]) -> dict[str, Any]:
    """A site's configuration for the copy opened from disk: `….html` links, Material's
    `offline` plugin, the worker shim from the site, and `extra.offline`, which has
    `overrides/main.html` load the manifest script."""
    result = copy.deepcopy(config)
    result["use_directory_urls"] = False
    plugins = list(result.get("plugins") or [])
    named = [entry if isinstance(entry, str) else next(iter(entry), None) for entry in plugins]
    if "offline" not in named and "material/offline" not in named:
        plugins.append("offline")
    result["plugins"] = plugins
    extra = dict(result.get("extra") or {})
    # The plugin adds the shim from a CDN unless a polyfill already names it.
    extra["polyfills"] = [*extra.get("polyfills", []), WORKER_SHIM]
    extra["offline"] = True
    # Where "Open on another device" leads from the copy: the published site, if it has one.
    if config.get("site_url"):
        extra["published"] = str(config["site_url"]).rstrip("/") + "/"
    # The logo leads to the home page's file: from disk, a folder is no page.
    extra.setdefault("homepage", paths.page_url(paths.HOME, directory_urls=False))
    result["extra"] = extra
    return result


def worker_shim(root: Path) -> str:
    """The worker shim's script, from the npm package installed in the project at `root`."""
    path = root / SHIM_PACKAGE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise DocsError(
            f"the offline copy needs {SHIM_PACKAGE.as_posix()} (the npm package iframe-worker, "
            "for search from disk): run `npm ci --ignore-scripts`, as `make site` does"
        ) from None


def build_epoch() -> int:
    """The time the zip's entries carry: `SOURCE_DATE_EPOCH` (as the sitemap's date), else
    1980-01-01, so that two builds give the same bytes."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ""))
    except ValueError:
        epoch = _EPOCH_1980
    return max(epoch, _EPOCH_1980)


def write_zip(folder: Path, target: Path, root: str) -> int:
    """Zip the files under `folder` (but `LEFT_OUT`) into `target`, below a folder `root`:
    entries sorted, with one fixed time and mode, so that the same files give the same bytes.
    Returns its size."""
    stamp = time.gmtime(build_epoch())[:6]
    files = sorted(
        (path.relative_to(folder).as_posix(), path) for path in folder.rglob("*") if path.is_file()
    )
    files = [(name, path) for name, path in files if not LEFT_OUT.search(name)]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, path in files:
            entry = zipfile.ZipInfo(f"{root}/{name}", date_time=stamp)
            entry.external_attr = 0o644 << 16
            # Already compressed: stored as they are. (The planner PDFs deflate to about 56%.)
            stored = name.endswith((".gz", ".png", ".jpg", ".woff2"))
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    partial.replace(target)
    return target.stat().st_size
