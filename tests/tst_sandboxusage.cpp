// The sandbox list's usage columns: the ring of recent samples, and the model's CPU and memory
// cells (values for running sandboxes only, sorting by the current value, updates as changed
// cells) under QAbstractItemModelTester.

#include "core/client.h"
#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"

#include <QAbstractItemModelTester>
#include <QMap>
#include <QRandomGenerator>
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

// The sandbox ids of each group of a model grouped one level deep, in row order.
QList<QStringList> groupOrders(const QAbstractItemModel &model)
{
    QList<QStringList> groups;
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        QStringList ids;
        for (int row = 0; row < model.rowCount(parent); ++row)
            ids.append(model.index(row, 0, parent).data(SandboxTreeModel::SandboxIdRole).toString());
        groups.append(ids);
    }
    return groups;
}

// The same, worked out from the values: by region (groups by name), then by CPU in `order`,
// equal values newest first, sandboxes without a value last.
QList<QStringList> expectedOrders(const QList<Sandbox> &sandboxes, const QHash<QString, int> &cpu,
                                  Qt::SortOrder order)
{
    QMap<QString, QStringList> byRegion;
    for (const auto &sandbox : sandboxes)
        byRegion[sandbox.region].append(sandbox.id);
    QList<QStringList> groups;
    for (QStringList ids : std::as_const(byRegion)) {
        std::sort(ids.begin(), ids.end(), [&](const QString &a, const QString &b) {
            if (cpu.contains(a) != cpu.contains(b))
                return cpu.contains(a);
            if (cpu.value(a) != cpu.value(b))
                return order == Qt::AscendingOrder ? cpu.value(a) < cpu.value(b)
                                                   : cpu.value(a) > cpu.value(b);
            return a > b;
        });
        groups.append(ids);
    }
    return groups;
}
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

    void aPollThatChangesMostRowsChangesEachGroupOnce()
    {
        Listed listed;
        listed.model.setGrouping(SandboxTreeModel::Grouping::Region);
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Sandbox> list;
        for (int i = 0; i < 10; ++i) {
            list.append(make(u"sbx_%1"_s.arg(i, 2, 10, QLatin1Char('0')), u"running"_s));
            list.last().region = i < 4 ? u"fsn1"_s : u"hel1"_s;
        }
        listed.store.setSandboxes(list);
        QSignalSpy changed(&listed.model, &QAbstractItemModel::dataChanged);
        QList<SandboxUsage::Sample> samples;
        for (int i = 1; i < 10; i += 2) // five of ten, scattered over both groups
            samples.append({list.at(i).id, double(i), MiB});
        listed.usage.record(samples);
        // One signal per group, over all of its rows, the usage columns only.
        QCOMPARE(changed.size(), 2);
        for (int group = 0; group < 2; ++group) {
            const auto topLeft = changed.at(group).at(0).toModelIndex();
            const auto bottomRight = changed.at(group).at(1).toModelIndex();
            QCOMPARE(topLeft.parent(), listed.model.index(group, 0));
            QCOMPARE(topLeft.row(), 0);
            QCOMPARE(bottomRight.row(), group == 0 ? 3 : 5);
            QCOMPARE(topLeft.column(), int(SandboxTreeModel::CpuUsageColumn));
            QCOMPARE(bottomRight.column(), int(SandboxTreeModel::MemoryUsageColumn));
        }
        QCOMPARE(listed.cell(u"sbx_09"_s, SandboxTreeModel::CpuUsageColumn), u"9.0 %"_s);
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

    void sortedByUsageAnUpdatePlacesTheChangedRows_data()
    {
        QTest::addColumn<int>("changes");
        QTest::addColumn<Qt::SortOrder>("order");
        // 240 sandboxes in two groups: a few changes are placed one by one, many sort the group.
        QTest::newRow("one, descending") << 1 << Qt::DescendingOrder;
        QTest::newRow("five, ascending") << 5 << Qt::AscendingOrder;
        QTest::newRow("forty, descending") << 40 << Qt::DescendingOrder;
        QTest::newRow("all, ascending") << 240 << Qt::AscendingOrder;
    }

    void sortedByUsageAnUpdatePlacesTheChangedRows()
    {
        QFETCH(int, changes);
        QFETCH(Qt::SortOrder, order);
        Listed listed;
        listed.model.setGrouping(SandboxTreeModel::Grouping::Region);
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Sandbox> list;
        for (int i = 0; i < 240; ++i) {
            Sandbox sandbox = make(u"sbx_%1"_s.arg(i, 3, 10, QLatin1Char('0')), u"running"_s);
            sandbox.region = i % 2 ? u"hel1"_s : u"fsn1"_s;
            list.append(sandbox);
        }
        listed.store.setSandboxes(list);
        // Whole percents from a small range: many equal values, ordered by id (newest first).
        QRandomGenerator random(changes);
        QHash<QString, int> cpu;
        QList<SandboxUsage::Sample> samples;
        for (const auto &sandbox : std::as_const(list)) {
            // One in eight is never sampled: no value, last in either order.
            if (sandbox.id.endsWith(u'7'))
                continue;
            cpu.insert(sandbox.id, random.bounded(30));
            samples.append({sandbox.id, double(cpu.value(sandbox.id)), MiB});
        }
        listed.usage.record(samples);
        listed.model.sort(SandboxTreeModel::CpuUsageColumn, order);
        QCOMPARE(groupOrders(listed.model), expectedOrders(list, cpu, order));

        // New values for `changes` of them, some far from where they were.
        samples.clear();
        QSet<QString> changed;
        for (int i = 0; i < changes; ++i) {
            const QString id = cpu.keys().at(int(random.bounded(cpu.size())));
            cpu[id] = i % 3 == 0 ? 29 - cpu.value(id) : random.bounded(30);
            samples.append({id, double(cpu.value(id)), MiB});
            changed.insert(id);
        }
        // A sandbox named twice in one update is still one row that changed.
        const QString moving = samples.constFirst().sandboxId;
        samples.append({moving, double(cpu.value(moving)), MiB});
        const QPersistentModelIndex followed
            = listed.model.indexForId(moving, SandboxTreeModel::CpuUsageColumn);
        QSignalSpy layout(&listed.model, &QAbstractItemModel::layoutChanged);
        QSignalSpy reset(&listed.model, &QAbstractItemModel::modelReset);
        QSignalSpy moved(&listed.model, &QAbstractItemModel::rowsMoved);
        QSignalSpy cells(&listed.model, &QAbstractItemModel::dataChanged);
        listed.usage.record(samples);
        const auto orders = groupOrders(listed.model);
        QCOMPARE(orders, expectedOrders(list, cpu, order));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(moved.size(), 0);
        QVERIFY(layout.size() <= 1);
        // The row followed its sandbox.
        QCOMPARE(followed.data(SandboxTreeModel::SandboxIdRole).toString(), moving);
        QCOMPARE(followed.column(), int(SandboxTreeModel::CpuUsageColumn));
        // Only the usage cells of the changed rows changed, each in exactly one signal.
        QSet<QString> signalled;
        for (const auto &signal : std::as_const(cells)) {
            const auto topLeft = signal.at(0).toModelIndex();
            const auto bottomRight = signal.at(1).toModelIndex();
            QCOMPARE(topLeft.column(), int(SandboxTreeModel::CpuUsageColumn));
            QCOMPARE(bottomRight.column(), int(SandboxTreeModel::MemoryUsageColumn));
            QCOMPARE(topLeft.parent(), bottomRight.parent());
            for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                const QString id = listed.model.index(row, 0, topLeft.parent())
                                       .data(SandboxTreeModel::SandboxIdRole)
                                       .toString();
                QVERIFY2(!signalled.contains(id), qPrintable(id));
                signalled.insert(id);
            }
        }
        QCOMPARE(signalled, changed);
    }

    void sortedByUsageAnUpdateThatKeepsTheOrderMovesNothing()
    {
        Listed listed;
        QAbstractItemModelTester tester(&listed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Sandbox> list;
        QList<SandboxUsage::Sample> samples;
        for (int i = 0; i < 100; ++i) {
            list.append(make(u"sbx_%1"_s.arg(i, 3, 10, QLatin1Char('0')), u"running"_s));
            samples.append({list.constLast().id, double(i), MiB});
        }
        listed.store.setSandboxes(list);
        listed.usage.record(samples);
        listed.model.sort(SandboxTreeModel::MemoryUsageColumn, Qt::DescendingOrder);
        listed.model.sort(SandboxTreeModel::CpuUsageColumn, Qt::DescendingOrder);
        const QStringList before = listed.order();
        QCOMPARE(before.constFirst(), u"sbx_099"_s);
        QSignalSpy layout(&listed.model, &QAbstractItemModel::layoutChanged);
        QSignalSpy cells(&listed.model, &QAbstractItemModel::dataChanged);
        // Every value up by the same amount (the whole-group path), then one within its neighbours.
        for (auto &sample : samples)
            sample.cpuPercent += 0.5;
        listed.usage.record(samples);
        listed.usage.record({{u"sbx_050"_s, 50.7, MiB}});
        QCOMPARE(listed.order(), before);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(cells.size(), 2);
        QCOMPARE(listed.cell(u"sbx_050"_s, SandboxTreeModel::CpuUsageColumn), u"51 %"_s);
        // A sandbox no longer sampled has no value: it goes last, and only it moves.
        listed.usage.forget({u"sbx_099"_s});
        QCOMPARE(layout.size(), 1);
        QStringList expected = before.mid(1);
        expected.append(u"sbx_099"_s);
        QCOMPARE(listed.order(), expected);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUsage)
#include "tst_sandboxusage.moc"
