// SplitRepaintTreeView: a relayout's repaint comes in a later pass of the event loop (after a
// zero timer), not in the pass right after the relayout, while the condition holds; otherwise the
// view repaints as QTreeView does.

#include "ui/views/splitrepainttreeview.h"

#include <QAbstractItemModelTester>
#include <QPaintEvent>
#include <QStandardItemModel>

#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrUi::SplitRepaintTreeView;

namespace {
// Counts the paint events of a widget and keeps the last one's region.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget *widget) { widget->installEventFilter(this); }
    int paints = 0;
    QRegion lastRegion;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            lastRegion = static_cast<QPaintEvent *>(event)->region();
        }
        return false;
    }
};

void fill(QStandardItemModel *model, int rows)
{
    for (int row = 0; row < rows; ++row)
        model->appendRow({new QStandardItem(u"sandbox %1"_s.arg(row)), new QStandardItem(u"running"_s)});
}
} // namespace

class TestSplitRepaintTreeView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void repaintComesAfterTheRelayoutsPass();
    void withoutTheConditionRepaintsInTheNextPass();
    void updatesAskedForMeanwhileAreCovered();
    void aHiddenViewIsNotSplit();
};

void TestSplitRepaintTreeView::repaintComesAfterTheRelayoutsPass()
{
    QStandardItemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(&model, 40);
    SplitRepaintTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(20); // the first layout and paint
    PaintCounter counter(view.viewport());
    QVERIFY(!view.hasPendingRepaint());
    const int splits = view.splitRepaints();

    model.insertRow(0, {new QStandardItem(u"new"_s), new QStandardItem(u"paused"_s)});
    // The relayout QTreeView scheduled, as its timer would run it; then the posted events that
    // would follow in the next pass (the repaint request, before this view).
    view.doItemsLayout();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(counter.paints, 0);
    QVERIFY(view.hasPendingRepaint());
    QVERIFY(!view.viewport()->updatesEnabled());
    QCOMPARE(view.splitRepaints(), splits + 1);

    // The zero timer, then the whole viewport repainted.
    QTRY_VERIFY(counter.paints > 0);
    QVERIFY(view.viewport()->updatesEnabled());
    QVERIFY(!view.hasPendingRepaint());
    QCOMPARE(counter.lastRegion.boundingRect(), view.viewport()->rect());
    QCOMPARE(view.indexAt(QPoint(5, 5)).data().toString(), u"new"_s);
}

void TestSplitRepaintTreeView::withoutTheConditionRepaintsInTheNextPass()
{
    QStandardItemModel model;
    fill(&model, 40);
    SplitRepaintTreeView view;
    bool split = false;
    view.setSplitRepaintWhen([&split] { return split; });
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(20);
    PaintCounter counter(view.viewport());

    model.insertRow(0, {new QStandardItem(u"new"_s), new QStandardItem(u"paused"_s)});
    view.doItemsLayout();
    QCoreApplication::sendPostedEvents();
    QVERIFY(counter.paints > 0); // as QTreeView: right after the relayout
    QVERIFY(!view.hasPendingRepaint());
    QCOMPARE(view.splitRepaints(), 0);

    // The condition is asked at each relayout.
    split = true;
    const int before = counter.paints;
    model.removeRow(0);
    view.doItemsLayout();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(counter.paints, before);
    QCOMPARE(view.splitRepaints(), 1);
    QTRY_VERIFY(counter.paints > before);
}

void TestSplitRepaintTreeView::updatesAskedForMeanwhileAreCovered()
{
    QStandardItemModel model;
    fill(&model, 40);
    SplitRepaintTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    view.setModel(&model);
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(20);
    PaintCounter counter(view.viewport());
    QVERIFY(!view.hasPendingRepaint());
    const int splits = view.splitRepaints();

    model.insertRow(0, {new QStandardItem(u"new"_s), new QStandardItem(u"paused"_s)});
    view.doItemsLayout();
    // A cell changes while the repaint is still to come, and a second relayout follows: one
    // repaint covers both.
    model.setData(model.index(3, 0), u"changed"_s);
    model.insertRow(0, {new QStandardItem(u"newer"_s), new QStandardItem(u"paused"_s)});
    view.doItemsLayout();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(counter.paints, 0);
    QCOMPARE(view.splitRepaints(), splits + 1);
    QTRY_VERIFY(counter.paints > 0);
    QCOMPARE(counter.lastRegion.boundingRect(), view.viewport()->rect());
    QCOMPARE(view.indexAt(QPoint(5, 5)).data().toString(), u"newer"_s);
}

void TestSplitRepaintTreeView::aHiddenViewIsNotSplit()
{
    QStandardItemModel model;
    fill(&model, 10);
    SplitRepaintTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    view.setModel(&model);
    view.doItemsLayout();
    QVERIFY(!view.hasPendingRepaint());
    QVERIFY(view.viewport()->updatesEnabled());
    QCOMPARE(view.splitRepaints(), 0);
}

QTEST_MAIN(TestSplitRepaintTreeView)
#include "tst_splitrepainttreeview.moc"
