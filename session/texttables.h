#pragma once

#include <QString>
#include <QVariant>
#include <Qt>

#include <cstddef>
#include <iterator>
#include <utility>

namespace OrkestrSession {

// Texts kept as tables marked with QT_TR_NOOP (so lupdate finds them) instead of one switch
// statement per enum. Context is the class whose tr() translates them, the same class the
// function holding the table belongs to (lupdate takes the context from there).

// headerData() of a model whose columns, in order, are named by titles.
template<class Context, std::size_t N>
QVariant columnTitle(const char *const (&titles)[N], int section, Qt::Orientation orientation, int role)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= int(N))
        return {};
    return Context::tr(titles[section]);
}

// The text of an enum value; an empty string for a value the table does not name.
template<class Context, class Enum, std::size_t N>
QString enumText(const std::pair<Enum, const char *> (&texts)[N], Enum value)
{
    for (const auto &[known, text] : texts) {
        if (known == value)
            return Context::tr(text);
    }
    return {};
}

} // namespace OrkestrSession
