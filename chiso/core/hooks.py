"""Apps contribute to shared places (demo data, home cards, API, daily jobs) through optional
modules of a known name; this finds them without the core importing each app by hand."""

import importlib

APPS = ["registry", "directives", "indices", "dossiers", "surveys", "programme", "publication"]


def app_modules(module_name, apps=APPS):
    """[(app, module)] for each app that has chiso.<app>.<module_name>, in the order of `apps`."""
    found = []
    for app in apps:
        try:
            found.append((app, importlib.import_module(f"chiso.{app}.{module_name}")))
        except ModuleNotFoundError as exc:
            if exc.name != f"chiso.{app}.{module_name}":
                raise
    return found
