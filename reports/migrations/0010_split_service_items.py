"""Split the catalogue's ``service_items`` ("政务服务/审批事项") into four keys.

One key held the length of a service list (政务服务事项857项), of a licensing list (行政许可事项218项),
the approvals cancelled or devolved in a year (取消审批事项5项) and the items served across
regions (川渝通办210项): figures that cannot be compared. The new keys come just before
``service_items`` so they win its ties; ``service_items`` is narrowed only where staff left it as
shipped. Stored figures move to their new keys at the next ``manage.py extract_indicators``.
"""

from django.db import migrations

from reports.indicators.loading import read_catalogue_file, sync_catalogue

NEW_KEYS = ("approval_items_streamlined", "cross_region_items", "licensing_items")
SHIPPED_NAME = "政务服务/审批事项"
SHIPPED_CUES = "政务服务事项|服务事项|审批事项|许可事项|高频事项|通办"


def split_service_items(apps, schema_editor):
    alias = schema_editor.connection.alias
    Group = apps.get_model("reports", "IndicatorGroup")
    Definition = apps.get_model("reports", "IndicatorDefinition")
    definitions = Definition.objects.using(alias)
    service = definitions.filter(key="service_items").first()
    sync_catalogue(Group, Definition, using=alias)  # adds the keys this library lacks
    if service is None:
        return
    for offset, key in enumerate(reversed(NEW_KEYS), start=1):
        definitions.filter(key=key).update(position=max(service.position - offset, 0))
    if (service.name, service.cues) == (SHIPPED_NAME, SHIPPED_CUES):
        record = next(r for r in read_catalogue_file()[1] if r["key"] == "service_items")
        service.name = record["name"]
        service.cues = "\n".join(record["cues"])
        service.save(update_fields=["name", "cues"])


def merge_service_items(apps, schema_editor):
    alias = schema_editor.connection.alias
    Definition = apps.get_model("reports", "IndicatorDefinition")
    Value = apps.get_model("reports", "IndicatorValue")
    Correction = apps.get_model("reports", "IndicatorCorrection")
    service = Definition.objects.using(alias).filter(key="service_items").first()
    split = Definition.objects.using(alias).filter(key__in=NEW_KEYS)
    if service is not None:
        Value.objects.using(alias).filter(key__in=NEW_KEYS).update(definition=service, key=service.key)
        Value.objects.using(alias).filter(extracted_key__in=NEW_KEYS).update(extracted_key=service.key)
        Correction.objects.using(alias).filter(definition__in=split).update(definition=service)
        Definition.objects.using(alias).filter(pk=service.pk).update(name=SHIPPED_NAME, cues=SHIPPED_CUES)
    split.delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_report_current_listing_index")]

    operations = [migrations.RunPython(split_service_items, merge_service_items)]
