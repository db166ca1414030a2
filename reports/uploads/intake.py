"""Uploaded files → an import batch with one queued item per file.

A zip archive (one that is not itself a document: Word, or OFD, Excel… which the import
refuses by name) is opened here, in the request, but only
after its central directory has been checked: too many members, declared sizes past
``REPORT_UPLOAD_MAX_BYTES`` or an implausible compression ratio refuse the whole archive before
anything is decompressed, and each member is read through a reader capped at
``REPORT_MAX_BYTES``. Files refused here (too large, a broken or bombed archive) still become
items, failed with their reason, so the batch shows everything that was sent.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from reports.ingest import RejectedFile, ReportOverrides
from reports.ingest.documents import ZIP_MEMBER_ERRORS, check_zip_sizes, read_member, zip_document_format
from reports.ingest.errors import DOWNLOAD_AGAIN, file_too_large
from reports.models import ImportBatch, ImportItem, Report

ARCHIVE_MAX_MEMBERS = 1_000
CORRUPT_ZIP = f"压缩包已损坏,无法打开:{DOWNLOAD_AGAIN}或重新压缩 (corrupt zip)"
CORRUPT_ZIP_ENTRY = f"压缩包内文件已损坏:{DOWNLOAD_AGAIN}或重新压缩 (corrupt zip entry)"
_SKIPPED_MEMBERS = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class IncomingFile:
    """One file to import, or one refused at intake (``data`` None, ``refusal`` set)."""

    name: str
    size: int
    data: bytes | None
    refusal: str = ""


def incoming_files(uploads: Iterable[UploadedFile]) -> list[IncomingFile]:
    """The files of an upload form, archives expanded, oversized files refused unread."""
    files: list[IncomingFile] = []
    for upload in uploads:
        name = upload.name or "upload"
        head = upload.read(4)
        upload.seek(0)
        archive = head == b"PK\x03\x04" and not name.lower().endswith((".docx", ".docm"))
        if upload.size > settings.REPORT_UPLOAD_MAX_BYTES:
            # The limit to name is the one the file is held to: a report file's own, not the upload's.
            limit = settings.REPORT_UPLOAD_MAX_BYTES if archive else settings.REPORT_MAX_BYTES
            files.append(IncomingFile(name, upload.size, None, file_too_large(upload.size, limit)))
            continue
        if archive:
            data = upload.read()
            if not _is_a_document(data):
                files.extend(expand_archive(name, data))
                continue
            files.append(_single(name, data))
        elif upload.size > settings.REPORT_MAX_BYTES:
            files.append(
                IncomingFile(name, upload.size, None, file_too_large(upload.size, settings.REPORT_MAX_BYTES))
            )
        else:
            files.append(_single(name, upload.read()))
    return files


def received_message(files: list[IncomingFile]) -> str:
    """What the upload page says it received: how many files go to the worker and how many were
    refused at once (too large, a broken archive), which the worker will not parse."""
    refused = sum(1 for incoming in files if incoming.refusal)
    queued = len(files) - refused
    if not refused:
        return f"已接收 {queued} 个文件,正在后台解析。"
    if not queued:
        return f"已接收 {refused} 个文件,{'都' if refused > 1 else ''}未能解析(原因见下表)。"
    return f"已接收 {len(files)} 个文件:{queued} 个正在后台解析,{refused} 个未能解析(原因见下表)。"


def expand_archive(name: str, data: bytes) -> list[IncomingFile]:
    """The report files inside a zip archive, each named ``archive.zip/inner/name``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_MEMBER_ERRORS:  # NotImplementedError too: an unknown zip version or method
        return [IncomingFile(name, len(data), None, CORRUPT_ZIP)]
    with archive:
        try:
            check_zip_sizes(
                archive,
                max_members=ARCHIVE_MAX_MEMBERS,
                max_total=settings.REPORT_UPLOAD_MAX_BYTES,
                what="压缩包",
            )
        except RejectedFile as refusal:
            return [IncomingFile(name, len(data), None, refusal.reason)]
        files: list[IncomingFile] = []
        for member in archive.infolist():
            # a damaged directory may hold a member with no name (is_dir() then fails)
            if (
                not member.filename
                or member.is_dir()
                or any(part in member.filename for part in _SKIPPED_MEMBERS)
            ):
                continue
            inner = f"{name}/{_member_name(member)}"[-255:]
            if member.file_size > settings.REPORT_MAX_BYTES:
                files.append(
                    IncomingFile(
                        inner,
                        member.file_size,
                        None,
                        file_too_large(member.file_size, settings.REPORT_MAX_BYTES),
                    )
                )
            elif member.flag_bits & 0x1:
                files.append(
                    IncomingFile(
                        inner,
                        member.file_size,
                        None,
                        "压缩包内文件已加密:请去掉密码后重新打包,或解压后直接上传这个文件"
                        " (encrypted zip entry)",
                    )
                )
            else:
                try:
                    files.append(
                        _single(inner, read_member(archive, member, limit=settings.REPORT_MAX_BYTES))
                    )
                except RejectedFile as refusal:
                    files.append(IncomingFile(inner, member.file_size, None, refusal.reason))
                except ZIP_MEMBER_ERRORS:
                    files.append(IncomingFile(inner, member.file_size, None, CORRUPT_ZIP_ENTRY))
        if not files:
            return [IncomingFile(name, len(data), None, "压缩包中没有文件 (empty zip)")]
        return files


def overrides_of(batch: ImportBatch) -> ReportOverrides:
    return ReportOverrides(
        year=batch.year,
        published_on=batch.published_on,
        source_url=batch.source_url,
        region_code=batch.region_code,
        agency_name=batch.agency_name,
    )


@transaction.atomic
def create_batch(
    files: list[IncomingFile], *, overrides: ReportOverrides, created_by: AbstractBaseUser | None
) -> ImportBatch:
    """Store the batch and its items and queue every item that has bytes to parse.

    The tasks are rows of the same database, written in this transaction: an item is queued
    exactly when the batch exists.
    """
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.UPLOAD,
        created_by=created_by,
        agency_name=overrides.agency_name,
        region_code=overrides.region_code,
        year=overrides.year,
        source_url=overrides.source_url,
        published_on=overrides.published_on,
    )
    items = ImportItem.objects.bulk_create(
        ImportItem(
            batch=batch,
            position=position,
            filename=incoming.name[-255:],
            size=incoming.size,
            sha256=hashlib.sha256(incoming.data).hexdigest() if incoming.data is not None else "",
            data=incoming.data,
            status=ImportItem.Status.FAILED if incoming.refusal else ImportItem.Status.QUEUED,
            reason=incoming.refusal,
        )
        for position, incoming in enumerate(files)
    )
    enqueue(item for item in items if item.status == ImportItem.Status.QUEUED)
    return batch


@transaction.atomic
def create_reparse_batch(reports: Iterable[Report], *, created_by: AbstractBaseUser | None) -> ImportBatch:
    """A batch that parses the stored file of each report again (see ``reparse``)."""
    batch = ImportBatch.objects.create(kind=ImportBatch.Kind.REPARSE, created_by=created_by)
    items = ImportItem.objects.bulk_create(
        ImportItem(
            batch=batch,
            position=position,
            filename=report.source_file.name,
            size=report.source_file.size,
            sha256=report.source_file.sha256,
            source_file=report.source_file,
            report=report,
        )
        for position, report in enumerate(reports)
    )
    enqueue(items)
    return batch


def enqueue(items: Iterable[ImportItem]) -> None:
    from reports.tasks import process_import_item

    for item in items:
        process_import_item.enqueue(item.pk)


def _single(name: str, data: bytes) -> IncomingFile:
    return IncomingFile(name[-255:], len(data), data)


def _is_a_document(data: bytes) -> bool:
    """Whether a zip is one document (Word, or a format the import refuses by name: OFD, Excel…)
    rather than an archive of report files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist() or zip_document_format(archive) is not None
    except ZIP_MEMBER_ERRORS:  # NotImplementedError too: an unknown zip version or method
        return False


def _member_name(member: zipfile.ZipInfo) -> str:
    """The member's name; zips made on Chinese Windows store GBK names without saying so."""
    if member.flag_bits & 0x800:
        return member.filename
    raw = member.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return member.filename
