from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0048_search_index_without_quotation_marks"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicatordefinition",
            name="unless",
            field=models.CharField(
                blank=True,
                help_text="空格分隔;出现即不归入本指标。以“=”开头的词只在数字所在的分句中排除;"
                "以“>”开头的词在数字之后“其中”所列的部分中出现时排除(诉讼案件72起,其中民事诉讼50起);"
                "“各级!中心组”表示同时出现“中心组”时不排除,“=委员会!常务会|常委”表示同时出现其中任一个时不排除。",
                max_length=255,
                verbose_name="排除词",
            ),
        ),
    ]
