#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

#include <list>

namespace OrkestrUi {

// An item delegate that paints like QStyledItemDelegate, but keeps each cell's laid-out text
// (elided to the cell's width) in a QStaticText cache: a repaint then shapes only the strings
// it has not seen at that width. Plain text only (no word wrap, no rich text); everything else
// (background, selection, icon, focus) is drawn by the style as usual. Laying out the text of
// every visible cell again was most of a repaint of the sandbox list (measured in
// bench_dashboard: about 20 of 26 ms).
class StaticTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit StaticTextDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Laid-out strings kept: the most recently used ones, at most cacheLimit() of them.
    int cachedTexts() const { return int(m_cache.size()); }
    int cacheLimit() const { return m_cacheLimit; }
    void setCacheLimit(int limit);

private:
    struct Key
    {
        QString text;
        QFont font;
        int width = 0;
        Qt::TextElideMode elide = Qt::ElideRight;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.text, key.width, int(key.elide), key.font.pointSizeF(),
                              key.font.pixelSize(), key.font.weight(), key.font.italic());
        }
    };
    struct Entry
    {
        QStaticText text;
        std::list<Key>::iterator age;
    };
    const QStaticText &laidOut(const Key &key) const;

    // Most recently used first; m_cache points into it.
    mutable std::list<Key> m_ages;
    mutable QHash<Key, Entry> m_cache;
    int m_cacheLimit = 4096; // a few screens of a ten-column list
};

} // namespace OrkestrUi
