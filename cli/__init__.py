"""The ``briefbot`` command line: subcommands, and the offline demo and chat."""
