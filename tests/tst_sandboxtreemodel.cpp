// The grouped sandbox model: row-by-row updates under QAbstractItemModelTester.

#include "core/client.h"
#include "core/sandboxwatchjob.h"
#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/statusstyle.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;
using OrkestrUi::SandboxTreeModel;
using Grouping = SandboxTreeModel::Grouping;
Q_DECLARE_METATYPE(OrkestrUi::SandboxFilter)

namespace {
Sandbox make(const QString &id, const QString &region, const QString &status,
             const QString &templ = u"python-3.12"_s)
{
    Sandbox s;
    s.id = id;
    s.region = region;
    s.statusText = status;
    s.status = Sandbox::statusFromString(status);
    s.templateName = templ;
    s.cpu = 1;
    s.memoryMb = 2048;
    s.network = u"off"_s;
    s.createdAt = QDateTime(QDate(2026, 11, 21), QTime(20, 0), QTimeZone::UTC);
    if (status == u"running"_s)
        s.expiresAt = s.createdAt.addSecs(600);
    s.metadata.insert(u"agent_run"_s, u"r_"_s + id.right(2));
    return s;
}

// A model over a store of its own, which the tests fill directly (no server).
struct Listed
{
    Orkestr::Client client;
    OrkestrSession::SandboxStore store {&client};
    SandboxTreeModel model {&store};
};

// The ids shown, in order, depth first.
QStringList shownIds(const SandboxTreeModel &model, const QModelIndex &parent = {})
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const auto index = model.index(row, 0, parent);
        if (index.data(SandboxTreeModel::IsGroupRole).toBool())
            ids += shownIds(model, index);
        else
            ids.append(index.data(SandboxTreeModel::SandboxIdRole).toString());
    }
    return ids;
}

QStringList groupLabels(const SandboxTreeModel &model, const QModelIndex &parent = {})
{
    QStringList labels;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const auto index = model.index(row, 0, parent);
        if (index.data(SandboxTreeModel::IsGroupRole).toBool())
            labels.append(index.data().toString());
    }
    return labels;
}
// sbx_00000 to sbx_<count - 1> in fsn1: every third running (sbx_00000 first), the others paused.
QList<Sandbox> everyThirdRunning(int count)
{
    QList<Sandbox> list;
    for (int i = 0; i < count; ++i)
        list.append(
            make(u"sbx_%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"fsn1"_s, i % 3 ? u"paused"_s : u"running"_s));
    return list;
}

// The model, updated in place, shows what one with its grouping and sorting filled from scratch
// with `list` shows, and every row it reports for a sandbox is where that sandbox is.
void compareWithFresh(const SandboxTreeModel &model, const QList<Sandbox> &list)
{
    Listed fresh;
    fresh.model.setGrouping(model.grouping());
    fresh.model.sort(model.sortColumn(), model.sortOrder());
    fresh.store.setSandboxes(list);
    QCOMPARE(shownIds(model), shownIds(fresh.model));
    QCOMPARE(groupLabels(model), groupLabels(fresh.model));
    for (const auto &sandbox : std::as_const(list)) {
        const auto index = model.indexForId(sandbox.id);
        QCOMPARE(model.index(index.row(), 0, index.parent()).data(SandboxTreeModel::SandboxIdRole).toString(),
                 sandbox.id);
    }
}
} // namespace

class TestSandboxTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void grouping_data()
    {
        QTest::addColumn<Grouping>("grouping");
        QTest::addColumn<int>("topRows");
        QTest::addColumn<QStringList>("topLabels");
        QTest::newRow("none") << Grouping::None << 4 << QStringList();
        QTest::newRow("region") << Grouping::Region << 2
                                << QStringList {u"fsn1 — Falkenstein, DE (3)"_s, u"hel1 (1)"_s};
        QTest::newRow("status") << Grouping::Status << 2 << QStringList {u"Running (3)"_s, u"Paused (1)"_s};
        QTest::newRow("region, status") << Grouping::RegionThenStatus << 2
                                        << QStringList {u"fsn1 — Falkenstein, DE (3)"_s, u"hel1 (1)"_s};
    }

    void grouping()
    {
        QFETCH(Grouping, grouping);
        QFETCH(int, topRows);
        QFETCH(QStringList, topLabels);
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(grouping);
        model.setRegionLocations({{u"fsn1"_s, u"Falkenstein, DE"_s}});
        store.setSandboxes(
            {make(u"sbx_01A"_s, u"fsn1"_s, u"running"_s), make(u"sbx_01B"_s, u"fsn1"_s, u"paused"_s),
             make(u"sbx_01C"_s, u"hel1"_s, u"running"_s), make(u"sbx_01D"_s, u"fsn1"_s, u"running"_s)});
        QCOMPARE(model.rowCount(), topRows);
        QCOMPARE(groupLabels(model), topLabels);
        QCOMPARE(model.sandboxCount(), 4);
        if (grouping == Grouping::None) {
            // Newest first (ids are ULIDs).
            QCOMPARE(model.index(0, 0).data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_01D"_s);
        }
        if (grouping == Grouping::RegionThenStatus) {
            const auto fsn1 = model.index(0, 0);
            QCOMPARE(groupLabels(model, fsn1), (QStringList {u"Running (2)"_s, u"Paused (1)"_s}));
        }
    }

    void updatesRowByRowWithoutReset()
    {
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::RegionThenStatus);
        store.setSandboxes({make(u"sbx_01A"_s, u"fsn1"_s, u"running"_s),
                            make(u"sbx_01B"_s, u"fsn1"_s, u"running"_s),
                            make(u"sbx_01C"_s, u"hel1"_s, u"running"_s)});
        QPersistentModelIndex selected = model.indexForId(u"sbx_01C"_s);
        QPersistentModelIndex kept = model.indexForId(u"sbx_01A"_s);
        QVERIFY(selected.isValid());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // B pauses (moves group), A's metadata changes (cell update), D is new, C is unchanged.
        auto a = make(u"sbx_01A"_s, u"fsn1"_s, u"running"_s);
        a.metadata.insert(u"step"_s, u"2"_s);
        store.setSandboxes({a, make(u"sbx_01B"_s, u"fsn1"_s, u"paused"_s),
                            make(u"sbx_01C"_s, u"hel1"_s, u"running"_s),
                            make(u"sbx_01D"_s, u"hel1"_s, u"starting"_s)});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(layout.size(), 0);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_01C"_s);
        QVERIFY(kept.isValid());
        QVERIFY(kept.sibling(kept.row(), SandboxTreeModel::MetadataColumn)
                    .data()
                    .toString()
                    .contains(u"step=2"_s));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(groupLabels(model, model.index(0, 0)), (QStringList {u"Running (1)"_s, u"Paused (1)"_s}));
        QCOMPARE(groupLabels(model, model.index(1, 0)), (QStringList {u"Running (1)"_s, u"Starting (1)"_s}));

        // Everything in fsn1 goes away: its groups go too.
        store.setSandboxes({make(u"sbx_01C"_s, u"hel1"_s, u"running"_s)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(groupLabels(model), QStringList {u"hel1 (1)"_s});
        QVERIFY(selected.isValid());
        QVERIFY(!kept.isValid());
        QCOMPARE(reset.size(), 0);
    }

    void manyMovesInOneLayoutChange()
    {
        // A poll where several sandboxes change group (a bulk pause): one layout change, the
        // persistent indexes (a view's selection) follow their sandboxes, a group that is now
        // needed appears, one left empty goes, and a proxy on top stays consistent.
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setDynamicSortFilter(true);
        proxy.setSourceModel(&model);
        proxy.sort(SandboxTreeModel::IdColumn);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::RegionThenStatus);
        QList<Sandbox> list;
        for (int i = 0; i < 20; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 2, 10, QLatin1Char('0')), i % 2 ? u"hel1"_s : u"fsn1"_s,
                             u"running"_s));
        list.append(make(u"sbx_90"_s, u"fsn1"_s, u"failed"_s));
        store.setSandboxes(list);
        QPersistentModelIndex moving = model.indexForId(u"sbx_04"_s);
        QPersistentModelIndex staying = model.indexForId(u"sbx_05"_s);
        QPersistentModelIndex viaProxy = proxy.mapFromSource(model.indexForId(u"sbx_08"_s));
        QVERIFY(moving.isValid() && staying.isValid() && viaProxy.isValid());
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Every even (fsn1) sandbox pauses; the failed one is gone.
        for (int i = 0; i < 20; i += 2)
            list[i] = make(list[i].id, u"fsn1"_s, u"paused"_s);
        list.removeLast();
        store.setSandboxes(list);
        QCOMPARE(layout.size(), 1);
        QCOMPARE(moved.size(), 0);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(moving.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_04"_s);
        QCOMPARE(moving.parent().data().toString(), u"Paused (10)"_s);
        QCOMPARE(staying.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_05"_s);
        QCOMPARE(viaProxy.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_08"_s);
        QCOMPARE(groupLabels(model, model.index(0, 0)), QStringList {u"Paused (10)"_s});
        QCOMPARE(groupLabels(model, model.index(1, 0)), QStringList {u"Running (10)"_s});
        QCOMPARE(model.index(0, 0).data().toString(), u"fsn1 (10)"_s);
        QCOMPARE(model.sandboxCount(), 20);
    }

    void firstPageThenWholeList()
    {
        // The first page is merged (nothing removed), the whole list then fills in the rest in
        // runs of rows, not a row at a time.
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Status);
        QList<Sandbox> all;
        for (int i = 99; i >= 0; --i) // newest first, as the API lists
            all.append(make(u"sbx_%1"_s.arg(i, 3, 10, QLatin1Char('0')), u"fsn1"_s,
                            i % 3 ? u"running"_s : u"paused"_s));
        store.mergeSandboxes(all.mid(0, 10));
        QCOMPARE(model.sandboxCount(), 10);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        store.setSandboxes(all);
        QCOMPARE(model.sandboxCount(), 100);
        QCOMPARE(inserted.size(), 2); // one run per group: the older ones after the newest ten
        // Newest first within each group.
        const auto running = model.index(0, 0);
        QCOMPARE(model.index(0, 0, running).data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_098"_s);
        QCOMPARE(model.index(model.rowCount(running) - 1, 0, running)
                     .data(SandboxTreeModel::SandboxIdRole)
                     .toString(),
                 u"sbx_001"_s);
        // Merging an older page again changes nothing and removes nothing.
        store.mergeSandboxes(all.mid(50, 10));
        QCOMPARE(model.sandboxCount(), 100);
    }

    void searchTextAndTimeLeft()
    {
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto created = QDateTime(QDate(2026, 11, 21), QTime(20, 0), QTimeZone::UTC);
        model.setClock([created] { return created.addSecs(48); });
        model.setGrouping(Grouping::None);
        store.setSandboxes(
            {make(u"sbx_01A"_s, u"fsn1"_s, u"running"_s), make(u"sbx_01B"_s, u"fsn1"_s, u"paused"_s)});
        const auto running = model.indexForId(u"sbx_01A"_s);
        QVERIFY(running.data(SandboxTreeModel::SearchTextRole).toString().contains(u"agent_run=r_1A"_s));
        QCOMPARE(running.sibling(running.row(), SandboxTreeModel::TimeLeftColumn).data().toString(),
                 u"9m 12s"_s);
        const auto paused = model.indexForId(u"sbx_01B"_s);
        QCOMPARE(paused.sibling(paused.row(), SandboxTreeModel::TimeLeftColumn).data().toString(),
                 u"paused"_s);
        QVERIFY(
            !paused.sibling(paused.row(), SandboxTreeModel::StatusColumn).data(Qt::DecorationRole).isNull());
        // The last minute of a running sandbox is drawn in the warning colour.
        const auto timeLeft = running.sibling(running.row(), SandboxTreeModel::TimeLeftColumn);
        QVERIFY(timeLeft.data(Qt::ForegroundRole).isNull());
        model.setClock([created] { return created.addSecs(570); });
        QCOMPARE(timeLeft.data(Qt::ForegroundRole).value<QBrush>().color(),
                 OrkestrUi::StatusStyle::warningColor());
        QVERIFY(
            paused.sibling(paused.row(), SandboxTreeModel::TimeLeftColumn).data(Qt::ForegroundRole).isNull());
        model.setClock([created] { return created.addSecs(48); });

        // The countdown refreshes the cells every second.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(2500));
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(SandboxTreeModel::TimeLeftColumn));
    }

    void filter_data()
    {
        QTest::addColumn<OrkestrUi::SandboxFilter>("filter");
        QTest::addColumn<QStringList>("shown");
        QTest::addColumn<QStringList>("groups"); // the top-level groups (region, then status)
        using OrkestrUi::SandboxFilter;
        // Region, then status (running, paused, failed), newest first.
        const QStringList all = {u"sbx_02"_s, u"sbx_01"_s, u"sbx_03"_s, u"sbx_04"_s};
        QTest::newRow("nothing") << SandboxFilter {} << all << QStringList {u"fsn1 (3)"_s, u"hel1 (1)"_s};
        QTest::newRow("metadata word") << SandboxFilter {{u"AGENT_RUN=r_02"_s}, {}, {}, {}}
                                       << QStringList {u"sbx_02"_s} << QStringList {u"fsn1 (1)"_s};
        QTest::newRow("two words, both needed") << SandboxFilter {{u"sbx_0"_s, u"node"_s}, {}, {}, {}}
                                                << QStringList {u"sbx_04"_s} << QStringList {u"hel1 (1)"_s};
        QTest::newRow("no match") << SandboxFilter {{u"nothing-like-this"_s}, {}, {}, {}} << QStringList()
                                  << QStringList();
        QTest::newRow("region facet") << SandboxFilter {{}, {u"hel1"_s}, {}, {}} << QStringList {u"sbx_04"_s}
                                      << QStringList {u"hel1 (1)"_s};
        QTest::newRow("status facet, two values")
            << SandboxFilter {{}, {}, {u"paused"_s, u"failed"_s}, {}}
            << QStringList {u"sbx_01"_s, u"sbx_03"_s} << QStringList {u"fsn1 (2)"_s};
        QTest::newRow("template facet and a word")
            << SandboxFilter {{u"r_0"_s}, {}, {}, {u"python-3.12"_s}}
            << QStringList {u"sbx_02"_s, u"sbx_01"_s, u"sbx_03"_s} << QStringList {u"fsn1 (3)"_s};
    }

    void filter()
    {
        QFETCH(OrkestrUi::SandboxFilter, filter);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, groups);
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<Sandbox> list
            = {make(u"sbx_01"_s, u"fsn1"_s, u"paused"_s), make(u"sbx_02"_s, u"fsn1"_s, u"running"_s),
               make(u"sbx_03"_s, u"fsn1"_s, u"failed"_s),
               make(u"sbx_04"_s, u"hel1"_s, u"running"_s, u"node-22"_s)};
        store.setSandboxes(list);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setFilter(filter);
        QCOMPARE(shownIds(model), shown);
        QCOMPARE(groupLabels(model), groups);
        QCOMPARE(model.shownCount(), shown.size());
        QCOMPARE(model.sandboxCount(), 4); // the hidden ones are still known
        // A poll with the same filter keeps what it shows; the same list again changes nothing.
        store.setSandboxes(list);
        QCOMPARE(shownIds(model), shown);
        // The filter applied first and the list after gives the same rows.
        Listed filteredFirstListed;
        auto &filteredFirst = filteredFirstListed.model;
        auto &filteredFirstStore = filteredFirstListed.store;
        filteredFirst.setFilter(filter);
        filteredFirstStore.setSandboxes(list);
        QCOMPARE(shownIds(filteredFirst), shown);
        // Clearing the filter shows everything again, in order.
        model.setFilter({});
        QCOMPARE(shownIds(model), QStringList({u"sbx_02"_s, u"sbx_01"_s, u"sbx_03"_s, u"sbx_04"_s}));
        QCOMPARE(reset.size(), 0);
    }

    void filterFollowsUpdates()
    {
        // A sandbox that stops matching leaves the list, one that starts matching enters it, and
        // a selected row that keeps matching keeps its persistent index.
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Region);
        QList<Sandbox> list;
        for (int i = 0; i < 10; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 2, 10, QLatin1Char('0')), u"fsn1"_s, u"running"_s));
        store.setSandboxes(list);
        model.setFilter({{}, {}, {u"running"_s}, {}});
        QPersistentModelIndex kept = model.indexForId(u"sbx_05"_s);
        QVERIFY(kept.isValid());
        list[2] = make(list[2].id, u"fsn1"_s, u"paused"_s);
        list[7] = make(list[7].id, u"fsn1"_s, u"paused"_s);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        store.setSandboxes(list);
        QCOMPARE(model.shownCount(), 8);
        QVERIFY(!model.indexForId(u"sbx_02"_s).isValid());
        QCOMPARE(store.sandbox(u"sbx_02"_s)->statusText, u"paused"_s); // known, only hidden
        QCOMPARE(kept.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_05"_s);
        QCOMPARE(groupLabels(model), QStringList {u"fsn1 (8)"_s});
        // A resume brings it back, in its place (newest first).
        store.updateSandbox(make(u"sbx_02"_s, u"fsn1"_s, u"running"_s));
        QCOMPARE(model.indexForId(u"sbx_02"_s).row(), 6);
        QCOMPARE(reset.size(), 0);
        // Gone from the list while hidden: forgotten too.
        list.removeAt(7);
        store.setSandboxes(list);
        QVERIFY(!store.sandbox(u"sbx_07"_s));
        QCOMPARE(model.sandboxCount(), 9);
    }

    void sort_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("default: newest first")
            << -1 << Qt::AscendingOrder << QStringList {u"sbx_04"_s, u"sbx_03"_s, u"sbx_02"_s, u"sbx_01"_s};
        QTest::newRow("memory ascending, ties newest first")
            << int(SandboxTreeModel::MemoryColumn) << Qt::AscendingOrder
            << QStringList {u"sbx_03"_s, u"sbx_04"_s, u"sbx_01"_s, u"sbx_02"_s};
        QTest::newRow("memory descending")
            << int(SandboxTreeModel::MemoryColumn) << Qt::DescendingOrder
            << QStringList {u"sbx_02"_s, u"sbx_04"_s, u"sbx_01"_s, u"sbx_03"_s};
        QTest::newRow("template") << int(SandboxTreeModel::TemplateColumn) << Qt::AscendingOrder
                                  << QStringList {u"sbx_04"_s, u"sbx_02"_s, u"sbx_03"_s, u"sbx_01"_s};
    }

    void sort()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, ids);
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::None);
        auto sized = [](Sandbox sandbox, int memoryMb, const QString &templ) {
            sandbox.memoryMb = memoryMb;
            sandbox.templateName = templ;
            return sandbox;
        };
        const QList<Sandbox> list
            = {sized(make(u"sbx_01"_s, u"fsn1"_s, u"running"_s), 2048, u"python-3.12"_s),
               sized(make(u"sbx_02"_s, u"fsn1"_s, u"running"_s), 8192, u"node-22"_s),
               sized(make(u"sbx_03"_s, u"fsn1"_s, u"running"_s), 512, u"python-3.12"_s),
               sized(make(u"sbx_04"_s, u"fsn1"_s, u"running"_s), 2048, u"node-22"_s)};
        store.setSandboxes(list);
        QPersistentModelIndex first = model.indexForId(u"sbx_01"_s);
        model.sort(column, order);
        QCOMPARE(shownIds(model), ids);
        QCOMPARE(first.data(SandboxTreeModel::SandboxIdRole).toString(), u"sbx_01"_s); // followed its row
        // New and changed sandboxes go where the sort puts them.
        QList<Sandbox> next = list;
        next.append(sized(make(u"sbx_05"_s, u"fsn1"_s, u"running"_s), 1024, u"node-22"_s));
        store.setSandboxes(next);
        Listed freshListed;
        auto &fresh = freshListed.model;
        auto &freshStore = freshListed.store;
        fresh.setGrouping(Grouping::None);
        fresh.sort(column, order);
        freshStore.setSandboxes(next);
        QCOMPARE(shownIds(model), shownIds(fresh));
        next[0].memoryMb = 16384;
        next[0].templateName = u"a-template"_s;
        store.setSandboxes(next);
        Listed fresherListed;
        auto &fresher = fresherListed.model;
        auto &fresherStore = fresherListed.store;
        fresher.setGrouping(Grouping::None);
        fresher.sort(column, order);
        fresherStore.setSandboxes(next);
        QCOMPARE(shownIds(model), shownIds(fresher));
    }

    void facetCounts()
    {
        Listed modelListed;
        auto &model = modelListed.model;
        auto &store = modelListed.store;
        QSignalSpy changed(&store, &OrkestrSession::SandboxStore::facetCountsChanged);
        store.setSandboxes({make(u"sbx_01"_s, u"fsn1"_s, u"paused"_s),
                            make(u"sbx_02"_s, u"fsn1"_s, u"running"_s),
                            make(u"sbx_03"_s, u"hel1"_s, u"running"_s, u"node-22"_s)});
        model.setFilter({{}, {u"hel1"_s}, {}, {}}); // counts are of every sandbox, not the shown ones
        using Facet = OrkestrSession::SandboxStore::Facet;
        QCOMPARE(store.facetCounts(Facet::Region), (QHash<QString, int> {{u"fsn1"_s, 2}, {u"hel1"_s, 1}}));
        QCOMPARE(store.facetCounts(Facet::Status),
                 (QHash<QString, int> {{u"paused"_s, 1}, {u"running"_s, 2}}));
        QCOMPARE(store.facetCounts(Facet::Template),
                 (QHash<QString, int> {{u"python-3.12"_s, 2}, {u"node-22"_s, 1}}));
        QVERIFY(changed.wait(1000));
        QCOMPARE(changed.size(), 1); // once for the burst
        store.setSandboxes({make(u"sbx_01"_s, u"fsn1"_s, u"running"_s)});
        QCOMPARE(store.facetCounts(Facet::Region), (QHash<QString, int> {{u"fsn1"_s, 1}}));
        QCOMPARE(store.facetCounts(Facet::Status), (QHash<QString, int> {{u"running"_s, 1}}));
        QVERIFY(changed.wait(1000));
    }

    void removalsInSeveralGroupsLeaveReadableRows()
    {
        // Sandboxes gone from two groups leave one run at a time; whoever reads the selection
        // between two runs (a page following it) still gets each selected row's id.
        Listed listed;
        auto &model = listed.model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Region);
        listed.store.setSandboxes({make(u"sbx_01"_s, u"fsn1"_s, u"running"_s),
                                   make(u"sbx_02"_s, u"hel1"_s, u"running"_s),
                                   make(u"sbx_03"_s, u"hel1"_s, u"running"_s)});
        QItemSelectionModel selection(&model);
        for (const auto &id : {u"sbx_01"_s, u"sbx_02"_s})
            selection.select(model.indexForId(id), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QStringList seen;
        connect(&model, &QAbstractItemModel::rowsRemoved, this, [&] {
            for (const auto &row : selection.selectedRows())
                seen.append(row.data(SandboxTreeModel::SandboxIdRole).toString());
        });
        listed.store.setSandboxes({make(u"sbx_03"_s, u"hel1"_s, u"running"_s)});
        QVERIFY(!seen.isEmpty());
        QVERIFY(!seen.contains(QString()));
        QCOMPARE(shownIds(model), QStringList {u"sbx_03"_s});
        QVERIFY(selection.selectedRows().isEmpty());
    }

    void rowsAreKnownNotSearched()
    {
        // Finding an index's row costs one look, for the last of 10,000 siblings as for the first:
        // nodes keep their row, they do not search their parent's children for themselves.
        Listed listed;
        auto &model = listed.model;
        model.setGrouping(Grouping::None);
        QList<Sandbox> list;
        for (int i = 0; i < 10000; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"fsn1"_s, u"running"_s));
        listed.store.setSandboxes(list);
        QCOMPARE(model.rowCount(), 10000);
        qint64 before = model.rowLookupSteps();
        const auto newest = model.indexForId(u"sbx_09999"_s);
        QCOMPARE(model.rowLookupSteps() - before, 1);
        before = model.rowLookupSteps();
        const auto oldest = model.indexForId(u"sbx_00000"_s);
        QCOMPARE(model.rowLookupSteps() - before, 1);
        QCOMPARE(newest.row(), 0);
        QCOMPARE(oldest.row(), 9999);
        // Grouped, a leaf's parent (its group's row) costs one look too.
        model.setGrouping(Grouping::Status);
        const auto leaf = model.indexForId(u"sbx_00000"_s);
        before = model.rowLookupSteps();
        QCOMPARE(leaf.parent().row(), 0);
        QCOMPARE(model.rowLookupSteps() - before, 1);
        // After rows come and go in front of it, the row is still right.
        list.removeFirst(); // sbx_00000, the last row
        list.removeLast(); // sbx_09999, the first row
        list.append(make(u"sbx_99999"_s, u"fsn1"_s, u"running"_s));
        listed.store.setSandboxes(list);
        QCOMPARE(model.indexForId(u"sbx_99999"_s).row(), 0);
        QCOMPARE(model.indexForId(u"sbx_00001"_s).row(), 9998);
        QCOMPARE(model.index(9998, 0, model.index(0, 0)).data(SandboxTreeModel::SandboxIdRole).toString(),
                 u"sbx_00001"_s);
    }

    void sandboxRowsAreKnownFromTheirIndex()
    {
        // Whether a row is a sandbox travels in its index: indexes made by index() and by
        // indexForId()/parent() agree, sandboxes never have children, groups keep theirs, in
        // every grouping (the root holds sandboxes without grouping).
        Listed listed;
        auto &model = listed.model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        listed.store.setSandboxes(
            {make(u"sbx_01"_s, u"fsn1"_s, u"running"_s), make(u"sbx_02"_s, u"hel1"_s, u"paused"_s)});
        for (const auto grouping : {Grouping::RegionThenStatus, Grouping::Region, Grouping::None}) {
            model.setGrouping(grouping);
            const auto leaf = model.indexForId(u"sbx_01"_s, SandboxTreeModel::StatusColumn);
            QVERIFY(leaf.isValid());
            QVERIFY(model.flags(leaf).testFlag(Qt::ItemNeverHasChildren));
            QVERIFY(model.flags(leaf).testFlag(Qt::ItemIsSelectable));
            QCOMPARE(model.rowCount(leaf.siblingAtColumn(0)), 0);
            QVERIFY(!model.index(0, 0, leaf.siblingAtColumn(0)).isValid());
            const auto again = model.index(leaf.row(), leaf.column(), leaf.parent());
            QCOMPARE(again, leaf);
            QCOMPARE(again.data().toString(), u"Running"_s);
            if (grouping == Grouping::None)
                continue;
            const auto group = leaf.parent();
            QVERIFY(!model.flags(group).testFlag(Qt::ItemNeverHasChildren));
            QVERIFY(!model.flags(group).testFlag(Qt::ItemIsSelectable));
            QVERIFY(model.rowCount(group) > 0);
            QCOMPARE(model.index(group.row(), 0, group.parent()), group);
        }
    }

    void randomChangesMatchAFreshModel()
    {
        // Rounds of random changes (status, memory, region), removals and additions, with the list
        // sorted by a column: the model, updated in place, shows what one filled from scratch shows,
        // and every row it reports is where the sandbox is.
        Listed listed;
        auto &model = listed.model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::RegionThenStatus);
        model.sort(SandboxTreeModel::MemoryColumn, Qt::DescendingOrder);
        QList<Sandbox> list;
        for (int i = 0; i < 300; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 4, 10, QLatin1Char('0')), i % 3 ? u"fsn1"_s : u"hel1"_s,
                             i % 4 ? u"running"_s : u"paused"_s));
        listed.store.setSandboxes(list);
        QRandomGenerator random(14);
        int next = 300;
        const QStringList statuses = {u"running"_s, u"paused"_s, u"failed"_s};
        for (int round = 0; round < 25; ++round) {
            for (int change = 0; change < 20; ++change) {
                Sandbox &sandbox = list[random.bounded(int(list.size()))];
                switch (random.bounded(3)) {
                case 0:
                    sandbox = make(sandbox.id, sandbox.region, statuses.at(random.bounded(3)));
                    break;
                case 1:
                    sandbox.memoryMb = 256 * (1 + random.bounded(8));
                    break;
                default:
                    sandbox.region = sandbox.region == u"fsn1"_s ? u"hel1"_s : u"fsn1"_s;
                    break;
                }
            }
            list.removeAt(random.bounded(int(list.size())));
            list.append(make(u"sbx_%1"_s.arg(next++, 4, 10, QLatin1Char('0')), u"fsn1"_s, u"running"_s));
            listed.store.setSandboxes(list);
            compareWithFresh(model, list);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void moveBetweenLargeGroupsKeepsSelection()
    {
        // Groups of thousands (kept in several chunks): a sandbox that changes status, as the watch
        // delivers it, moves between them; the selection and the current row follow it, the rows
        // around it stay where they were, and the group counts follow.
        Listed listed;
        auto &model = listed.model;
        auto &store = listed.store;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Status);
        QList<Sandbox> list;
        for (int i = 0; i < 3000; ++i)
            list.append(make(u"sbx_%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"fsn1"_s,
                             i % 3 ? u"paused"_s : u"running"_s));
        for (auto &sandbox : list)
            sandbox.version = 1;
        store.setSandboxes(list);
        QCOMPARE(groupLabels(model), (QStringList {u"Running (1000)"_s, u"Paused (2000)"_s}));
        QItemSelectionModel selection(&model);
        const auto chosen = model.indexForId(u"sbx_01501"_s); // in the middle of Paused
        selection.setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QPersistentModelIndex before = model.indexForId(u"sbx_01502"_s);
        const QPersistentModelIndex after = model.indexForId(u"sbx_01499"_s);
        const int beforeRow = before.row();
        const int afterRow = after.row();
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        Orkestr::SandboxChange change;
        change.sandbox = make(u"sbx_01501"_s, u"fsn1"_s, u"running"_s);
        change.sandbox.version = 2;
        change.id = change.sandbox.id;
        change.version = 2;
        store.applyChanges({change});
        QCOMPARE(moved.size(), 1);
        QCOMPARE(reset.size(), 0);
        const auto now = model.indexForId(u"sbx_01501"_s);
        QCOMPARE(now.parent().data().toString(), u"Running (1001)"_s);
        QCOMPARE(model.index(1, 0).data().toString(), u"Paused (1999)"_s);
        QCOMPARE(selection.currentIndex(), now);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(selection.selectedRows().constFirst().data(SandboxTreeModel::SandboxIdRole).toString(),
                 u"sbx_01501"_s);
        QCOMPARE(before.row(), beforeRow);
        QCOMPARE(after.row(), afterRow - 1);
        QCOMPARE(model.index(after.row(), 0, after.parent()).data(SandboxTreeModel::SandboxIdRole).toString(),
                 u"sbx_01499"_s);
        // Running holds every third, newest first: sbx_01501 sits between sbx_01503 and sbx_01500.
        QCOMPARE(model.index(now.row() - 1, 0, now.parent()).data(SandboxTreeModel::SandboxIdRole).toString(),
                 u"sbx_01503"_s);
        QCOMPARE(model.index(now.row() + 1, 0, now.parent()).data(SandboxTreeModel::SandboxIdRole).toString(),
                 u"sbx_01500"_s);
    }

    void randomChangesInLargeGroupsMatchAFreshModel()
    {
        // As randomChangesMatchAFreshModel, with groups of thousands, so that rows come and go
        // across the chunks that hold a group's children (split when they grow, merged when they
        // shrink), sorted and unsorted.
        for (const int sortColumn : {-1, int(SandboxTreeModel::MemoryColumn)}) {
            Listed listed;
            auto &model = listed.model;
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setGrouping(Grouping::Status);
            model.sort(sortColumn, Qt::DescendingOrder);
            QList<Sandbox> list;
            for (int i = 0; i < 1600; ++i)
                list.append(make(u"sbx_%1"_s.arg(i, 5, 10, QLatin1Char('0')), u"fsn1"_s,
                                 i % 4 ? u"paused"_s : u"running"_s));
            listed.store.setSandboxes(list);
            QRandomGenerator random(19);
            int next = 1600;
            const QStringList statuses = {u"running"_s, u"paused"_s, u"failed"_s};
            for (int round = 0; round < 6; ++round) {
                const int changes = round % 3 == 0 ? 1 : 30; // one move alone, or many together
                for (int change = 0; change < changes; ++change) {
                    Sandbox &sandbox = list[random.bounded(int(list.size()))];
                    if (random.bounded(2))
                        sandbox = make(sandbox.id, sandbox.region, statuses.at(random.bounded(3)));
                    else
                        sandbox.memoryMb = 256 * (1 + random.bounded(8));
                }
                // A run of removals (across a chunk's edge, now and then) and additions.
                const int from = random.bounded(int(list.size()) - 400);
                list.remove(from, round % 2 ? 300 : 3);
                for (int i = 0; i < 200; ++i)
                    list.append(make(u"sbx_%1"_s.arg(next++, 5, 10, QLatin1Char('0')), u"fsn1"_s,
                                     statuses.at(random.bounded(2))));
                listed.store.setSandboxes(list);
                compareWithFresh(model, list);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    void heldBackMovesKeepSelectionAndExpansion()
    {
        // Held back (a stream of status changes on a long list): the first change after a quiet
        // interval moves its row at once, the next ones together when the interval has passed;
        // meanwhile their cells show the change. The selection, the current row and the expanded
        // groups of a view follow the rows.
        Listed listed;
        auto &model = listed.model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Status);
        QList<Sandbox> list = everyThirdRunning(300);
        listed.store.setSandboxes(list);
        model.setHoldBack(std::chrono::milliseconds(300), 100);
        QCOMPARE(model.holdBack(), std::chrono::milliseconds(300));
        QTreeView view;
        view.setModel(&model);
        view.expandAll();
        auto *selection = view.selectionModel();
        const auto statusGroup = [&](const QString &id) {
            return model.indexForId(id).parent().data().toString();
        };
        selection->select(model.indexForId(u"sbx_00200"_s),
                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection->setCurrentIndex(model.indexForId(u"sbx_00100"_s),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);

        QTest::qWait(350); // quiet since the list
        list[100] = make(u"sbx_00100"_s, u"fsn1"_s, u"running"_s);
        listed.store.setSandboxes(list);
        QVERIFY(!model.hasHeldBackChanges());
        QCOMPARE(statusGroup(u"sbx_00100"_s), u"Running (101)"_s);
        QElapsedTimer since;
        since.start();
        list[200] = make(u"sbx_00200"_s, u"fsn1"_s, u"running"_s);
        list[101] = make(u"sbx_00101"_s, u"fsn1"_s, u"running"_s);
        listed.store.setSandboxes(list);
        QVERIFY(model.hasHeldBackChanges());
        QCOMPARE(statusGroup(u"sbx_00200"_s), u"Paused (199)"_s);
        const auto waiting = model.indexForId(u"sbx_00200"_s);
        QCOMPARE(waiting.siblingAtColumn(SandboxTreeModel::StatusColumn).data().toString(),
                 SandboxTreeModel::statusLabel(Sandbox::Status::Running));

        QTRY_VERIFY_WITH_TIMEOUT(!model.hasHeldBackChanges(), 2000);
        QVERIFY2(since.elapsed() >= 200, qPrintable(QString::number(since.elapsed())));
        QCOMPARE(statusGroup(u"sbx_00200"_s), u"Running (103)"_s);
        QCOMPARE(statusGroup(u"sbx_00101"_s), u"Running (103)"_s);
        QStringList selected;
        for (const auto &row : selection->selectedRows())
            selected.append(row.data(SandboxTreeModel::SandboxIdRole).toString());
        selected.sort();
        QCOMPARE(selected, (QStringList {u"sbx_00100"_s, u"sbx_00200"_s}));
        QCOMPARE(selection->currentIndex(), model.indexForId(u"sbx_00100"_s));
        QVERIFY(view.isExpanded(model.index(0, 0)));
        QVERIFY(view.isExpanded(model.index(1, 0)));
        compareWithFresh(model, list);
    }

    void removalsAndFiltersDoNotWaitForHeldBackMoves()
    {
        Listed listed;
        auto &model = listed.model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Status);
        QList<Sandbox> list = everyThirdRunning(300);
        listed.store.setSandboxes(list);
        model.setHoldBack(std::chrono::seconds(60));
        list[100] = make(u"sbx_00100"_s, u"fsn1"_s, u"running"_s);
        listed.store.setSandboxes(list); // at once: the first after a quiet interval
        list[200] = make(u"sbx_00200"_s, u"fsn1"_s, u"running"_s);
        list[202] = make(u"sbx_00202"_s, u"fsn1"_s, u"running"_s);
        listed.store.setSandboxes(list);
        QVERIFY(model.hasHeldBackChanges());

        // A removal goes at once, a held-back change among them too.
        list.removeAt(202);
        list.removeAt(5);
        listed.store.setSandboxes(list);
        QVERIFY(!model.indexForId(u"sbx_00202"_s).isValid());
        QVERIFY(!model.indexForId(u"sbx_00005"_s).isValid());
        QCOMPARE(model.shownCount(), 298);

        // The filter needs the rows in order: what is held back goes in first.
        OrkestrUi::SandboxFilter running;
        running.statuses = {u"running"_s};
        model.setFilter(running);
        QVERIFY(!model.hasHeldBackChanges());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), u"Running (102)"_s);
        QVERIFY(model.indexForId(u"sbx_00200"_s).isValid());
        model.setFilter({});
        compareWithFresh(model, list);
        // Sorting does the same.
        list[149] = make(u"sbx_00150"_s, u"fsn1"_s, u"paused"_s); // one removed before it
        listed.store.setSandboxes(list);
        QVERIFY(model.hasHeldBackChanges());
        model.sort(SandboxTreeModel::IdColumn, Qt::AscendingOrder);
        QVERIFY(!model.hasHeldBackChanges());
        compareWithFresh(model, list);
        // No hold-back: applied at once.
        model.setHoldBack(std::chrono::milliseconds(0));
        list[150] = make(u"sbx_00151"_s, u"fsn1"_s, u"running"_s);
        listed.store.setSandboxes(list);
        QVERIFY(!model.hasHeldBackChanges());
        compareWithFresh(model, list);
    }
};

QTEST_MAIN(TestSandboxTreeModel)
#include "tst_sandboxtreemodel.moc"
