// The sandbox list's usage columns: the ring of recent samples, and the model's CPU and memory
// cells (values for running sandboxes only, sorting by the current value, updates as changed
// cells) under QAbstractItemModelTester.

#include "core/client.h"
#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;
using OrkestrUi::SandboxTreeModel;
using OrkestrUi::SandboxUsage;
using OrkestrUi::SparkSeries;

namespace {
Sandbox make(const QString &id, const QString &status)
{
    Sandbox s;
    s.id = id;
    s.region = u"fsn1"_s;
    s.statusText = status;
    s.status = Sandbox::statusFromString(status);
    s.templateName = u"python-3.12"_s;
    s.cpu = 2;
    s.memoryMb = 512;
    s.createdAt = QDateTime(QDate(2026, 11, 21), QTime(20, 0), QTimeZone::UTC);
    return s;
}

struct Listed
{
    Orkestr::Client client;
    OrkestrSession::SandboxStore store {&client};
    SandboxTreeModel model {&store};
    SandboxUsage usage;
    Listed()
    {
        model.setGrouping(SandboxTreeModel::Grouping::None);
        model.setUsage(&usage);
        QObject::connect(&usage, &SandboxUsage::changed, &model, &SandboxTreeModel::usageChanged);
    }
    QString cell(const QString &id, int column, int role = Qt::DisplayRole) const
    {
        return model.indexForId(id, column).data(role).toString();
    }
    QStringList order() const
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.index(row, 0).data(SandboxTreeModel::SandboxIdRole).toString());
        return ids;
    }
};

constexpr double MiB = 1024.0 * 1024.0;
} // namespace

class TestSandboxUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seriesKeepsTheLastValuesOldestFirst()
    {
        SparkSeries series;
        QVERIFY(series.isEmpty());
        for (int i = 1; i <= SparkSeries::Capacity + 5; ++i)
            series.append(float(i));
        QCOMPARE(series.size(), SparkSeries::Capacity);
        QCOMPARE(series.at(0), 6.0f);
        QCOMPARE(series.last(), float(SparkSeries::Capacity + 5));
        QCOMPARE(series.maximum(), float(SparkSeries::Capacity + 5));
        series.append(1.0f);
        QCOMPARE(series.at(0), 7.0f);
        QCOMPARE(series.last(), 1.0f);
    }

    void runningSandboxesShowTheirLatestUse()
    {
        Listed listed;
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        listed.store.setSandboxes({make(u"sbx_01"_s, u"running"_s), make(u"sbx_02"_s, u"paused"_s)});
        // Nothing sampled yet: no value, even for the running one.
        QCOMPARE(listed.cell(u"sbx_01"_s, SandboxTreeModel::CpuUsageColumn), u"—"_s);
        listed.usage.record({{u"sbx_01"_s, 12.5, 100 * MiB}, {u"sbx_02"_s, 40, 200 * MiB}});
        listed.usage.record({{u"sbx_01"_s, 87.4, 256 * MiB}});
        QCOMPARE(listed.cell(u"sbx_01"_s, SandboxTreeModel::CpuUsageColumn), u"87 %"_s);
        QCOMPARE(listed.cell(u"sbx_01"_s, SandboxTreeModel::MemoryUsageColumn), u"256 MB"_s);
        const auto *series = listed.model.indexForId(u"sbx_01"_s, SandboxTreeModel::CpuUsageColumn)
                                 .data(SandboxTreeModel::UsageSeriesRole)
                                 .value<const SparkSeries *>();
        QVERIFY(series);
        QCOMPARE(series->size(), 2);
        QCOMPARE(series->at(0), 12.5f);
        // Full height: the limits (two cores, 512 MB); the tooltip says the share of the limit.
        QCOMPARE(listed.model.indexForId(u"sbx_01"_s, SandboxTreeModel::CpuUsageColumn)
                     .data(SandboxTreeModel::UsageScaleRole)
                     .toDouble(),
                 200.0);
        QCOMPARE(listed.model.indexForId(u"sbx_01"_s, SandboxTreeModel::MemoryUsageColumn)
                     .data(SandboxTreeModel::UsageScaleRole)
                     .toDouble(),
                 512 * MiB);
        QVERIFY2(listed.cell(u"sbx_01"_s, SandboxTreeModel::MemoryUsageColumn, Qt::ToolTipRole)
                     .contains(u"256 MB of 512 MB (50 %)"_s),
                 qPrintable(listed.cell(u"sbx_01"_s, SandboxTreeModel::MemoryUsageColumn, Qt::ToolTipRole)));
        // The limit columns still show the limits.
        QCOMPARE(listed.cell(u"sbx_01"_s, SandboxTreeModel::MemoryColumn), u"512 MB"_s);
        // A paused sandbox shows no value, whatever was sampled before it paused.
        QCOMPARE(listed.cell(u"sbx_02"_s, SandboxTreeModel::CpuUsageColumn), u"—"_s);
        QVERIFY(!listed.model.indexForId(u"sbx_02"_s, SandboxTreeModel::CpuUsageColumn)
                     .data(SandboxTreeModel::UsageSeriesRole)
                     .value<const SparkSeries *>());
        QVERIFY(!listed.model.indexForId(u"sbx_02"_s, SandboxTreeModel::CpuUsageColumn)
                     .data(SandboxTreeModel::SortRole)
                     .isValid());
        // The other roles of a usage cell are the row's.
        QCOMPARE(
            listed.cell(u"sbx_02"_s, SandboxTreeModel::MemoryUsageColumn, SandboxTreeModel::SandboxIdRole),
            u"sbx_02"_s);
        // Forgotten (the sandbox stopped being sampled): no value again.
        listed.usage.forget({u"sbx_01"_s});
        QCOMPARE(listed.cell(u"sbx_01"_s, SandboxTreeModel::CpuUsageColumn), u"—"_s);
    }

    void anUpdateChangesOnlyTheUsageCellsOfItsRows()
    {
        Listed listed;
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Sandbox> list;
        for (int i = 0; i < 10; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 2, 10, QLatin1Char('0')), u"running"_s));
        listed.store.setSandboxes(list);
        QSignalSpy changed(&listed.model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&listed.model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&listed.model, &QAbstractItemModel::layoutChanged);
        // Newest first: sbx_09 .. sbx_00 are rows 0 .. 9. Rows 0, 1, 2 and 7 change: two runs.
        listed.usage.record(
            {{u"sbx_09"_s, 1, MiB}, {u"sbx_08"_s, 2, MiB}, {u"sbx_07"_s, 3, MiB}, {u"sbx_02"_s, 4, MiB}});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(changed.size(), 2);
        QSet<std::pair<int, int>> rows;
        for (const auto &signal : std::as_const(changed)) {
            const auto topLeft = signal.at(0).toModelIndex();
            const auto bottomRight = signal.at(1).toModelIndex();
            QCOMPARE(topLeft.column(), int(SandboxTreeModel::CpuUsageColumn));
            QCOMPARE(bottomRight.column(), int(SandboxTreeModel::MemoryUsageColumn));
            rows.insert({topLeft.row(), bottomRight.row()});
        }
        QCOMPARE(rows, (QSet<std::pair<int, int>> {{0, 2}, {7, 7}}));
    }

    void sortsByTheCurrentValueWithNoValueLast_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("ids");
        // sbx_01: 90 % and 100 MB, sbx_02: 10 % and 300 MB, sbx_03: 50 % and 200 MB,
        // sbx_04 paused, sbx_05 running but not sampled yet.
        QTest::newRow("cpu descending")
            << int(SandboxTreeModel::CpuUsageColumn) << Qt::DescendingOrder
            << QStringList {u"sbx_01"_s, u"sbx_03"_s, u"sbx_02"_s, u"sbx_05"_s, u"sbx_04"_s};
        QTest::newRow("cpu ascending")
            << int(SandboxTreeModel::CpuUsageColumn) << Qt::AscendingOrder
            << QStringList {u"sbx_02"_s, u"sbx_03"_s, u"sbx_01"_s, u"sbx_05"_s, u"sbx_04"_s};
        QTest::newRow("memory descending")
            << int(SandboxTreeModel::MemoryUsageColumn) << Qt::DescendingOrder
            << QStringList {u"sbx_02"_s, u"sbx_03"_s, u"sbx_01"_s, u"sbx_05"_s, u"sbx_04"_s};
    }

    void sortsByTheCurrentValueWithNoValueLast()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, ids);
        Listed listed;
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        listed.store.setSandboxes({make(u"sbx_01"_s, u"running"_s), make(u"sbx_02"_s, u"running"_s),
                                   make(u"sbx_03"_s, u"running"_s), make(u"sbx_04"_s, u"paused"_s),
                                   make(u"sbx_05"_s, u"running"_s)});
        listed.usage.record({{u"sbx_01"_s, 90, 100 * MiB},
                             {u"sbx_02"_s, 10, 300 * MiB},
                             {u"sbx_03"_s, 50, 200 * MiB},
                             {u"sbx_04"_s, 99, 999 * MiB}});
        listed.model.sort(column, order);
        QCOMPARE(listed.order(), ids);
    }

    void sortedByCpuANewValueMovesTheRow()
    {
        Listed listed;
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        listed.store.setSandboxes({make(u"sbx_01"_s, u"running"_s), make(u"sbx_02"_s, u"running"_s),
                                   make(u"sbx_03"_s, u"running"_s)});
        listed.usage.record({{u"sbx_01"_s, 90, MiB}, {u"sbx_02"_s, 50, MiB}, {u"sbx_03"_s, 10, MiB}});
        listed.model.sort(SandboxTreeModel::CpuUsageColumn, Qt::DescendingOrder);
        QCOMPARE(listed.order(), (QStringList {u"sbx_01"_s, u"sbx_02"_s, u"sbx_03"_s}));
        const QPersistentModelIndex busiest = listed.model.indexForId(u"sbx_03"_s);
        QSignalSpy reset(&listed.model, &QAbstractItemModel::modelReset);
        listed.usage.record({{u"sbx_03"_s, 180, MiB}});
        QCOMPARE(listed.order(), (QStringList {u"sbx_03"_s, u"sbx_01"_s, u"sbx_02"_s}));
        QCOMPARE(busiest.row(), 0);
        QCOMPARE(reset.size(), 0);
        // Many at once (a poll changes every row): still in order.
        listed.usage.record({{u"sbx_01"_s, 5, MiB}, {u"sbx_02"_s, 100, MiB}, {u"sbx_03"_s, 60, MiB}});
        QCOMPARE(listed.order(), (QStringList {u"sbx_02"_s, u"sbx_03"_s, u"sbx_01"_s}));
        QCOMPARE(listed.cell(u"sbx_02"_s, SandboxTreeModel::CpuUsageColumn), u"100 %"_s);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUsage)
#include "tst_sandboxusage.moc"
