"""``manage.py generate_synthetic_reports N [--seed S] [--batch B] [--no-index] [--no-indicators]``
or ``--delete``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.synthetic import (
    delete_synthetic_reports,
    generate_synthetic_reports,
    update_indicators,
    update_search_index,
)


class Command(BaseCommand):
    help = (
        "Create N synthetic reports (marked 【合成样本】, is_synthetic) recombined from the seed reports, "
        "for scale and speed work; --delete removes every synthetic report instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", nargs="?", type=int, help="how many reports to create")
        parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same reports)")
        parser.add_argument("--batch", type=int, default=500, help="reports written per transaction")
        parser.add_argument(
            "--no-index", action="store_true", help="do not index the new reports for search afterwards"
        )
        parser.add_argument(
            "--no-indicators",
            action="store_true",
            help="do not extract the new reports' figures (an import does; this takes longer than indexing)",
        )
        parser.add_argument(
            "--delete", action="store_true", help="remove all synthetic reports (real reports stay)"
        )

    def handle(self, *args: object, **options: object) -> None:
        count = options["count"]
        if options["delete"]:
            if count is not None:
                raise CommandError("give either N or --delete, not both")
            deleted = delete_synthetic_reports()
            extra = "".join(f", {n} {label} rows" for label, n in deleted.dependents.items())
            self.stdout.write(
                f"Deleted {deleted.reports} synthetic reports, {deleted.sections} sections, "
                f"{deleted.source_files} source files and {deleted.agencies} agencies{extra}."
            )
            return
        if count is None:
            raise CommandError("give the number of reports to create, or --delete")
        if not isinstance(count, int) or count <= 0:
            raise CommandError(f"the number of reports must be a positive integer, not {count}")
        batch = options["batch"]
        if not isinstance(batch, int) or batch <= 0:
            raise CommandError(f"--batch must be a positive integer, not {batch}")

        def progress(message: str) -> None:
            self.stderr.write(message)

        try:
            result = generate_synthetic_reports(
                count,
                seed=int(options["seed"]),  # type: ignore[arg-type]
                batch_size=batch,
                progress=progress,
            )
        except (FileNotFoundError, ValueError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Created {result.created} synthetic reports ({result.characters:,} characters, "
            f"{result.sections:,} sections) in {result.seconds:.1f}s, "
            f"{result.reports_per_second:.0f} reports/s."
        )
        if not options["no_index"]:
            self.stdout.write(update_search_index(result.report_ids, progress=progress))
        if not options["no_indicators"]:
            self.stdout.write(update_indicators(result.report_ids, progress=progress))
