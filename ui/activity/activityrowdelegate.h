#pragma once

#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace OrkestrUi {

// Paints one row of the activity timeline in fixed columns: time, an icon for the kind, the actor
// and the one-line summary (elided), with failures in the error colour. Every row has the same
// height (the view lays out 100,000 rows in constant time), and the icons are drawn from pixmaps
// made once per kind and colour (tinted with the row's text colour: readable in either scheme).
class ActivityRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // Where the model keeps each part of a row.
    struct Roles
    {
        int time = Qt::DisplayRole; // a QDateTime
        int kind = Qt::DisplayRole; // the wire kind, e.g. "exec.finished"
        int actor = Qt::DisplayRole; // text
        int summary = Qt::DisplayRole; // text
        int failed = Qt::DisplayRole; // bool
    };

    explicit ActivityRowDelegate(Roles roles, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The icon for a kind ("exec.finished", "file.written", ...), also for legends and details.
    static QIcon kindIcon(const QString &kind, const QStyle *style);
    // The icon's shape in one colour.
    static QPixmap tinted(const QIcon &icon, const QColor &colour, qreal ratio);

private:
    const QPixmap &pixmapFor(const QString &kind, const QStyle *style, qreal ratio,
                             const QColor &colour) const;

    Roles m_roles;
    mutable QHash<QString, QPixmap> m_pixmaps;
};

} // namespace OrkestrUi
