"""Command line: ``python -m mnist_tutorials {fetch-data,info,flags,check-flag}``.

Examples
--------
``python -m mnist_tutorials fetch-data``            fill the cache with both datasets (shows progress)
``python -m mnist_tutorials fetch-data --clean``    first delete, after asking, the files moved aside as NAME.corrupt
``python -m mnist_tutorials info``                  where the cache is and what it holds
``python -m mnist_tutorials flags``                 list the exercise flags
``python -m mnist_tutorials check-flag ML105.1 0.9``  check an answer

Exit status: 0 on success (``check-flag``: the answer is right), 1 when ``check-flag``'s answer is wrong or
``fetch-data`` could not get the data or could not save it in the cache, 2 for a usage error (an unknown flag, a
bad ``--data-home``), 3 when ``check-flag`` cannot compute the expected answer (no data), 130 when interrupted
(Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
import time

from . import _cachefiles, _sources

_DATASETS = {"mnist": "mnist", "fashion": "fashion-mnist", "fashion-mnist": "fashion-mnist"}


def _clean(args, names) -> None:
    """Delete the moved-aside ``NAME.corrupt`` files of the datasets ``names``, after asking (``--yes``: without)."""
    home = _sources.get_data_home(args.data_home)
    moved = [item for name in names for item in _cachefiles.moved_aside(home / name, _sources.FILES)]
    if not moved:
        print(f"Nothing to clean: no moved-aside (NAME.corrupt) files in {home}.")
        return
    print("Files moved aside because they failed verification:")
    for path, size in moved:
        print(f"  {path} ({size:,} bytes)")
    total = sum(size for _, size in moved)
    if not args.yes:
        try:
            answer = input(f"Delete these {len(moved)} file(s), {_cachefiles.human_size(total)}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing deleted (answer y to delete them, or pass --yes).")
            return
    for name in names:
        for path, result in _cachefiles.remove_moved_aside(home / name, _sources.FILES):
            if isinstance(result, OSError):
                print(f"  could not delete {path}: {type(result).__name__}: {result}", file=sys.stderr)
            else:
                print(f"  deleted {path}")


def _fetch_data(args) -> int:
    names = ["mnist", "fashion-mnist"] if args.dataset == "all" else [_DATASETS[args.dataset]]
    if args.clean:
        _clean(args, names)
    for name in names:
        start = time.perf_counter()
        try:
            _sources.fetch_files(name, args.data_home, progress=True, require_cache=True)
        except _sources.CacheWriteError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except _sources.DataUnavailableError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        folder = _sources.get_data_home(args.data_home) / name
        print(f"{_sources.REGISTRY[name].title}: ready in {folder} ({time.perf_counter() - start:.1f} s)")
    return 0


def _info(args) -> int:
    home = _sources.get_data_home(args.data_home)
    print(f"data home: {home}")
    for spec in _sources.REGISTRY.values():
        folder = home / spec.name
        verified, problems = 0, []
        for name in _sources.FILES:
            path = folder / name
            if not path.is_file():
                continue
            try:
                size, wanted = path.stat().st_size, _sources.expected_size(spec, name)
                problem = None if _sources.is_verified(spec, path) else (
                    f"{size:,} bytes, sha256 does not match the pinned value"
                    + (f" (the file must have {wanted:,} bytes; it was not read)" if size != wanted else ""))
            except OSError as exc:
                problem = f"cannot be read ({type(exc).__name__}: {exc})"
            if problem is None:
                verified += 1
            else:
                problems.append(f"{name}: {problem}")
        print(f"  {spec.title}: {verified}/{len(_sources.FILES)} files cached and verified in {folder}")
        for problem in problems:
            print(f"    not verified: {problem}")
        if problems:
            print("    `python -m mnist_tutorials fetch-data` moves these aside (NAME.corrupt) and fetches them again.")
        moved = _cachefiles.moved_aside(folder, _sources.FILES)
        for path, size in moved:
            print(f"    moved aside: {path.name}: {size:,} bytes")
        if moved:
            print(f"    ({_cachefiles.human_size(sum(size for _, size in moved))} in all; "
                  "`python -m mnist_tutorials fetch-data --clean` deletes them, after asking.)")
    return 0


def _flags(args) -> int:
    from . import flags

    for label, question, tutorial in flags.list_flags():
        print(f"{label}: {question}  [{tutorial}]")
    return 0


def _check_flag(args) -> int:
    from . import flags

    try:
        flags.get_flag(args.label)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    try:
        return 0 if flags.check_flag(args.label, args.answer, data_home=args.data_home) else 1
    except _sources.DataUnavailableError as exc:
        print(f"error: the answer to {args.label} could not be computed, because the data is missing.\n{exc}",
              file=sys.stderr)
        return 3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mnist_tutorials", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch-data", help="download / copy the datasets into the cache, with progress")
    fetch.add_argument("--dataset", choices=["all", "mnist", "fashion", "fashion-mnist"], default="all")
    fetch.add_argument("--data-home", default=None, help="cache folder (default: $MNIST_TUTORIALS_DATA or ~/.cache)")
    fetch.add_argument("--clean", action="store_true",
                       help="first delete the files moved aside as NAME.corrupt (lists them and asks; nothing else)")
    fetch.add_argument("--yes", action="store_true", help="with --clean: delete without asking")
    fetch.set_defaults(func=_fetch_data)

    info = sub.add_parser("info", help="show the cache folder and what it holds")
    info.add_argument("--data-home", default=None, help="cache folder, as for fetch-data")
    info.set_defaults(func=_info)

    sub.add_parser("flags", help="list the exercise flags").set_defaults(func=_flags)

    check = sub.add_parser("check-flag", help="check an answer, e.g. check-flag ML105.1 0.85")
    check.add_argument("label")
    check.add_argument("answer")
    check.add_argument("--data-home", default=None, help="data folder, as for fetch-data")
    check.set_defaults(func=_check_flag)

    args = parser.parse_args(argv)
    if getattr(args, "data_home", None) is not None:
        try:
            _sources.get_data_home(args.data_home)
        except (TypeError, ValueError) as exc:
            parser.error(f"--data-home: {exc}")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print(f"{parser.prog} {args.command}: interrupted; nothing half-written was kept (the cache holds only "
              "verified files). Run it again to go on.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
