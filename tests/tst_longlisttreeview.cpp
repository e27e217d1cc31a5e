// LongListTreeView: a relayout's repaint comes in a later pass of the event loop (after a
// zero timer), not in the pass right after the relayout, while the condition holds; otherwise the
// view repaints as QTreeView does.

#include "ui/views/longlisttreeview.h"

#include <QAbstractItemModelTester>
#include <QPaintEvent>
#include <QStandardItemModel>

#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrUi::LongListTreeView;

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

void insertFirst(QStandardItemModel *model, const QString &name)
{
    model->insertRow(0, {new QStandardItem(name), new QStandardItem(u"paused"_s)});
}

// Shows the view on the model, laid out and painted once; false if it never got on screen.
bool showLaidOut(LongListTreeView *view, QStandardItemModel *model)
{
    view->setModel(model);
    view->resize(400, 300);
    view->show();
    if (!QTest::qWaitForWindowExposed(view))
        return false;
    QTest::qWait(20); // the first layout and paint
    return true;
}
} // namespace

class TestLongListTreeView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void repaintComesAfterTheRelayoutsPass();
    void withoutTheConditionRepaintsInTheNextPass();
    void updatesAskedForMeanwhileAreCovered();
    void aHiddenViewIsNotSplit();
    void cellsOfManyRowsChangedRepaint();
};

void TestLongListTreeView::repaintComesAfterTheRelayoutsPass()
{
    QStandardItemModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(&model, 40);
    LongListTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    QVERIFY(showLaidOut(&view, &model));
    PaintCounter counter(view.viewport());
    QVERIFY(!view.hasPendingRepaint());
    const int splits = view.splitRepaints();

    insertFirst(&model, u"new"_s);
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

void TestLongListTreeView::withoutTheConditionRepaintsInTheNextPass()
{
    QStandardItemModel model;
    fill(&model, 40);
    LongListTreeView view;
    bool split = false;
    view.setSplitRepaintWhen([&split] { return split; });
    QVERIFY(showLaidOut(&view, &model));
    PaintCounter counter(view.viewport());

    insertFirst(&model, u"new"_s);
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

void TestLongListTreeView::updatesAskedForMeanwhileAreCovered()
{
    QStandardItemModel model;
    fill(&model, 40);
    LongListTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    QVERIFY(showLaidOut(&view, &model));
    PaintCounter counter(view.viewport());
    const int splits = view.splitRepaints();

    insertFirst(&model, u"new"_s);
    view.doItemsLayout();
    // A cell changes while the repaint is still to come, and a second relayout follows: one
    // repaint covers both.
    model.setData(model.index(3, 0), u"changed"_s);
    insertFirst(&model, u"newer"_s);
    view.doItemsLayout();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(counter.paints, 0);
    QCOMPARE(view.splitRepaints(), splits + 1);
    QTRY_VERIFY(counter.paints > 0);
    QCOMPARE(counter.lastRegion.boundingRect(), view.viewport()->rect());
    QCOMPARE(view.indexAt(QPoint(5, 5)).data().toString(), u"newer"_s);
}

void TestLongListTreeView::aHiddenViewIsNotSplit()
{
    QStandardItemModel model;
    fill(&model, 10);
    LongListTreeView view;
    view.setSplitRepaintWhen([] { return true; });
    view.setModel(&model);
    view.doItemsLayout();
    QVERIFY(!view.hasPendingRepaint());
    QVERIFY(view.viewport()->updatesEnabled());
    QCOMPARE(view.splitRepaints(), 0);
}

void TestLongListTreeView::cellsOfManyRowsChangedRepaint()
{
    // A column of many rows changes (as the countdown signals it): without QTreeView's look at
    // each row, the viewport is repainted and shows the new cells.
    QStandardItemModel model;
    fill(&model, 40);
    LongListTreeView view;
    view.setUniformRowHeights(true);
    view.setEditTriggers(QAbstractItemView::NoEditTriggers);
    QVERIFY(showLaidOut(&view, &model));
    PaintCounter counter(view.viewport());

    {
        const QSignalBlocker quiet(&model);
        for (int row = 0; row < model.rowCount(); ++row)
            model.setData(model.index(row, 1), u"paused"_s);
    }
    Q_EMIT model.dataChanged(model.index(0, 1), model.index(model.rowCount() - 1, 1), {Qt::DisplayRole});
    QTRY_VERIFY(counter.paints > 0);
    // The band of column 1, top to bottom.
    const QRect band(view.columnViewportPosition(1), 0, view.columnWidth(1), view.viewport()->height());
    QCOMPARE(counter.lastRegion.boundingRect(), band & view.viewport()->rect());
    QCOMPARE(view.indexAt(QPoint(view.columnViewportPosition(1) + 5, 5)).data().toString(), u"paused"_s);
}

QTEST_MAIN(TestLongListTreeView)
#include "tst_longlisttreeview.moc"
