// StaticTextDelegate: cell text drawn from a cache of laid-out strings, placed and coloured as
// QStyledItemDelegate places and colours it.

#include "ui/views/statictextdelegate.h"

#include <QHeaderView>
#include <QImage>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>

#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using OrkestrUi::StaticTextDelegate;

namespace {
// The bounding box of the pixels of `image` inside `area` that differ from `background`.
QRect inkBox(const QImage &image, const QRect &area, QRgb background)
{
    QRect box;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (image.pixel(x, y) != background)
                box |= QRect(x, y, 1, 1);
        }
    }
    return box;
}

bool hasColour(const QImage &image, const QRect &area, QRgb colour)
{
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (image.pixel(x, y) == colour)
                return true;
        }
    }
    return false;
}
} // namespace

class TestStaticTextDelegate : public QObject
{
    Q_OBJECT
private:
    QStandardItemModel m_model;
    // A widget does not own the style it is given: this one outlives the view.
    std::unique_ptr<QStyle> m_style {QStyleFactory::create(u"Fusion"_s)};
    QTableView m_view;

    QImage render() { return m_view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32); }
    QRect cellRect(int row, int column) { return m_view.visualRect(m_model.index(row, column)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_view.setStyle(m_style.get());
        QPalette palette = m_view.palette();
        palette.setColor(QPalette::Base, Qt::white);
        palette.setColor(QPalette::AlternateBase, Qt::white);
        palette.setColor(QPalette::Text, Qt::black);
        palette.setColor(QPalette::Highlight, QColor(0, 0, 160));
        palette.setColor(QPalette::HighlightedText, QColor(255, 0, 0));
        m_view.setPalette(palette);
        m_model.setColumnCount(3);
        const QStringList texts
            = {u"alpha"_s, u"a rather long text that cannot fit in its column"_s, u"2048 MB"_s};
        for (int row = 0; row < 4; ++row) {
            QList<QStandardItem *> items;
            for (const auto &text : texts)
                items.append(new QStandardItem(text + QString::number(row)));
            items.last()->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_model.appendRow(items);
        }
        m_view.setModel(&m_model);
        m_view.verticalHeader()->hide();
        m_view.setShowGrid(false);
        m_view.setWordWrap(false); // as in a tree view: wrapped text is left to the style
        m_view.horizontalHeader()->setStretchLastSection(false);
        m_view.setColumnWidth(0, 120);
        m_view.setColumnWidth(1, 110);
        m_view.setColumnWidth(2, 140);
        m_view.resize(420, 200);
        m_view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_view));
    }

    void placesTextLikeTheStyledDelegate()
    {
        // The same cells drawn by QStyledItemDelegate and by the cache: the ink of each cell
        // starts, ends and sits at the same place (within a pixel of rounding).
        QStyledItemDelegate styled;
        m_view.setItemDelegate(&styled);
        const QImage reference = render();
        StaticTextDelegate cached;
        m_view.setItemDelegate(&cached);
        const QImage image = render();
        m_view.setItemDelegate(nullptr);
        for (int column = 0; column < 3; ++column) {
            const QRect cell = cellRect(1, column);
            // The cell's own background, at its top left corner (text never reaches it).
            const QRect expected = inkBox(reference, cell, reference.pixel(cell.topLeft()));
            const QRect actual = inkBox(image, cell, image.pixel(cell.topLeft()));
            QVERIFY2(expected.isValid() && actual.isValid(), qPrintable(u"column %1"_s.arg(column)));
            QVERIFY2(std::abs(actual.left() - expected.left()) <= 1
                         && std::abs(actual.right() - expected.right()) <= 1
                         && std::abs(actual.top() - expected.top()) <= 1
                         && std::abs(actual.bottom() - expected.bottom()) <= 1,
                     qPrintable(u"column %1: %2,%3 %4x%5 instead of %6,%7 %8x%9"_s.arg(column)
                                    .arg(actual.x())
                                    .arg(actual.y())
                                    .arg(actual.width())
                                    .arg(actual.height())
                                    .arg(expected.x())
                                    .arg(expected.y())
                                    .arg(expected.width())
                                    .arg(expected.height())));
            // Nothing outside the cell (the long text is elided, not cut by a neighbour).
            QVERIFY(cell.contains(actual));
        }
        // The right-aligned column ends near the cell's right edge.
        QVERIFY(inkBox(image, cellRect(1, 2), image.pixel(cellRect(1, 2).topLeft())).right()
                > cellRect(1, 2).center().x());
    }

    void selectedTextUsesHighlightedText()
    {
        StaticTextDelegate cached;
        m_view.setItemDelegate(&cached);
        m_view.setFocus();
        m_view.selectionModel()->select(m_model.index(2, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QImage image = render();
        m_view.selectionModel()->clearSelection();
        m_view.setItemDelegate(nullptr);
        QVERIFY(hasColour(image, cellRect(2, 0), qRgb(255, 0, 0)));
        QVERIFY(!hasColour(image, cellRect(1, 0), qRgb(255, 0, 0)));
    }

    void cachesEachStringOnce()
    {
        StaticTextDelegate cached;
        m_view.setItemDelegate(&cached);
        render();
        const int laidOut = cached.cachedTexts();
        QCOMPARE(laidOut, 12); // 4 rows of 3 different strings
        render();
        QCOMPARE(cached.cachedTexts(), laidOut); // a repaint lays out nothing new
        // A new width is a new layout of the strings of that column (the long one elides anew).
        m_view.setColumnWidth(1, 150);
        render();
        QCOMPARE(cached.cachedTexts(), laidOut + 4);
        // The cache keeps only the most recently used strings.
        cached.setCacheLimit(5);
        QCOMPARE(cached.cachedTexts(), 5);
        render();
        QCOMPARE(cached.cachedTexts(), 5);
        m_view.setItemDelegate(nullptr);
        m_view.setColumnWidth(1, 110);
    }
};

QTEST_MAIN(TestStaticTextDelegate)
#include "tst_statictextdelegate.moc"
