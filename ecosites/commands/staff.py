"""``python -m ecosites staff add|remove|list [--catalog DIR]``: the staff accounts.

Passwords are read from a prompt (twice) or, when standard input is not a terminal, from
its first line, never from the command line (which other users can see in the process
list). ``staff add staff --from-env`` turns the shared ``ECOSITES_STAFF_PASSWORD`` into an
account of that name, so it can be unset afterwards. Adding, re-keying and removing an
account is written to the audit log under ``--author`` (else ECOSITES_AUTHOR, else the
login name); a log that cannot be written is a warning, since the account did change.
Exit status: 0 done, 1 refused.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from ecosites.commands._common import add_author_option, add_catalog_option, author, store
from ecosites.staffauth import account_problem, hash_password
from ecosites.store import CatalogStore, StoreError

MIN_PASSWORD_CHARS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``staff`` command's parser."""
    parser.description = "Add, remove or list staff accounts (each member of staff signs in as themselves)."
    add_catalog_option(parser)
    add_author_option(parser)
    actions = parser.add_subparsers(dest="staff_action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an account, or set a new password for one")
    add.add_argument("name", help="the account name, recorded with every change its holder makes")
    add.add_argument("--from-env", action="store_true",
                     help="take the password from ECOSITES_STAFF_PASSWORD (migrating the shared one)")
    remove = actions.add_parser("remove", help="remove an account")
    remove.add_argument("name")
    actions.add_parser("list", help="list the account names")
    parser.set_defaults(func=run)


def read_password(from_env: bool) -> str:
    """The new password: the environment, a prompt typed twice, or stdin's first line."""
    if from_env:
        return os.environ.get("ECOSITES_STAFF_PASSWORD", "")
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Type it again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def run(args: argparse.Namespace) -> int:
    """Carry out add, remove or list; 0 done, 1 refused with a message."""
    accounts = store(args)
    try:
        if args.staff_action == "list":
            for name in sorted(accounts.staff_accounts()):
                print(name)
            return 0
        if args.staff_action == "remove":
            if not accounts.remove_staff_account(args.name):
                print(f"there is no account {args.name!r}; 'staff list' lists them")
                return 1
            print(f"account {args.name!r} removed")
            _audit(accounts, author(args), "staff-remove", args.name)
            return 0
        problem = account_problem(args.name)
        if problem:
            print(f"not added: {problem}")
            return 1
        try:
            password = read_password(args.from_env)
        except (ValueError, EOFError) as exc:
            print(f"not added: {exc or 'no password given'}")
            return 1
        if len(password) < MIN_PASSWORD_CHARS:
            print(f"not added: a password needs at least {MIN_PASSWORD_CHARS} characters"
                  + (" (is ECOSITES_STAFF_PASSWORD set?)" if args.from_env else ""))
            return 1
        existed = args.name in accounts.staff_accounts()
        accounts.set_staff_account(args.name, hash_password(password))
    except StoreError as exc:
        print(f"not done: {exc}")
        return 1
    print(f"account {args.name!r} {'given a new password' if existed else 'added'}")
    _audit(accounts, author(args), "staff-password" if existed else "staff-add", args.name)
    return 0


def _audit(accounts: CatalogStore, who: str, action: str, name: str) -> None:
    """Record the account change; a log that cannot be written is a warning (the change stands)."""
    try:
        accounts.record(who, action, account=name)
    except StoreError as exc:
        print(f"warning: the account was changed, but its audit log line was not written: {exc}",
              file=sys.stderr)
