#pragma once

#include <QSet>
#include <QString>

namespace Orkestr {

// Shares the text of strings that recur across many objects (a template, a region, a status):
// 100,000 sandboxes then hold a handful of copies of "fsn1", not 100,000. Only for values from
// a small vocabulary: the table keeps every value it has seen. Not thread-safe: one table per
// thread at a time (the text it hands out may be read anywhere).
class StringTable
{
public:
    // Makes `text` share the table's copy of its value (adding it if new).
    void intern(QString &text)
    {
        if (text.isEmpty()) {
            text = QString();
            return;
        }
        const auto it = m_strings.constFind(text);
        if (it != m_strings.cend()) {
            text = *it;
        } else {
            if (text.capacity() > text.size())
                text.squeeze();
            m_strings.insert(text);
        }
    }
    // Whether `text` is empty or shares the table's copy already (intern would change nothing).
    bool holds(const QString &text) const
    {
        if (text.isEmpty())
            return text.isNull();
        const auto it = m_strings.constFind(text);
        return it != m_strings.cend() && it->constData() == text.constData();
    }
    qsizetype size() const { return m_strings.size(); }

private:
    QSet<QString> m_strings;
};

} // namespace Orkestr
