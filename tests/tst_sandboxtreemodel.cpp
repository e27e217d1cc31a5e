// The grouped sandbox model: row-by-row updates under QAbstractItemModelTester.

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;
using OrkestrUi::SandboxTreeModel;
using Grouping = SandboxTreeModel::Grouping;

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
        SandboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(grouping);
        model.setRegionLocations({{u"fsn1"_s, u"Falkenstein, DE"_s}});
        model.setSandboxes(
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
        SandboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::RegionThenStatus);
        model.setSandboxes({make(u"sbx_01A"_s, u"fsn1"_s, u"running"_s),
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
        model.setSandboxes({a, make(u"sbx_01B"_s, u"fsn1"_s, u"paused"_s),
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
        model.setSandboxes({make(u"sbx_01C"_s, u"hel1"_s, u"running"_s)});
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
        SandboxTreeModel model;
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
        model.setSandboxes(list);
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
        model.setSandboxes(list);
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
        SandboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGrouping(Grouping::Status);
        QList<Sandbox> all;
        for (int i = 99; i >= 0; --i) // newest first, as the API lists
            all.append(make(u"sbx_%1"_s.arg(i, 3, 10, QLatin1Char('0')), u"fsn1"_s,
                            i % 3 ? u"running"_s : u"paused"_s));
        model.mergeSandboxes(all.mid(0, 10));
        QCOMPARE(model.sandboxCount(), 10);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setSandboxes(all);
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
        model.mergeSandboxes(all.mid(50, 10));
        QCOMPARE(model.sandboxCount(), 100);
    }

    void searchTextAndTimeLeft()
    {
        SandboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto created = QDateTime(QDate(2026, 11, 21), QTime(20, 0), QTimeZone::UTC);
        model.setClock([created] { return created.addSecs(48); });
        model.setGrouping(Grouping::None);
        model.setSandboxes(
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
        // The countdown refreshes the cells every second.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(2500));
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(SandboxTreeModel::TimeLeftColumn));
    }
};

QTEST_MAIN(TestSandboxTreeModel)
#include "tst_sandboxtreemodel.moc"
