from django.core.management.base import BaseCommand


class OneLineErrorCommand(BaseCommand):
    """A command that reports every bad argument in one line on standard error and exits
    non-zero, argparse's own complaints (an unknown or missing option) included."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        argparse_error = parser.error

        def error(message: str):
            if parser.called_from_command_line:
                parser.exit(2, f"Error: {message}.\n")
            argparse_error(message)

        parser.error = error
        return parser
