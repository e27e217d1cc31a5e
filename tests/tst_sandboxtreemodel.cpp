// The grouped sandbox model: row-by-row updates under QAbstractItemModelTester.

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
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
