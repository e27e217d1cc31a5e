#include "ui/palette/palettemodel.h"

#include <QAction>

#include <algorithm>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {

bool matchesAll(const QStringList &words, const QString &haystack)
{
    return std::all_of(words.cbegin(), words.cend(),
                       [&](const QString &word) { return haystack.contains(word, Qt::CaseInsensitive); });
}

QString sandboxHaystack(const Orkestr::Sandbox &sandbox)
{
    QString text
        = sandbox.id + u' ' + sandbox.templateName + u' ' + sandbox.region + u' ' + sandbox.statusText;
    for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
        text += u' ' + it.key() + u'=' + it.value();
    return text;
}

QString metadataText(const Orkestr::Sandbox &sandbox)
{
    QStringList pairs;
    for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
        pairs.append(it.key() + u'=' + it.value());
    return pairs.join(u"  "_s);
}

} // namespace

PaletteModel::PaletteModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

QString PaletteModel::actionText(const QAction *action)
{
    QString text = action->text();
    // "&Pause" is "Pause"; "&&" stays a literal ampersand.
    text.replace(u"&&"_s, u"\x01"_s).remove(u'&').replace(u'\x01', u'&');
    if (text.endsWith(u"…"_s))
        text.chop(1);
    return text;
}

void PaletteModel::setActions(const QList<QAction *> &actions)
{
    m_actions.clear();
    for (auto *action : actions)
        m_actions.append(action);
    rebuild();
}

void PaletteModel::setSandboxSource(SandboxSource source)
{
    m_sandboxes = std::move(source);
    rebuild();
}

void PaletteModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    rebuild();
}

void PaletteModel::rebuild()
{
    const QStringList words = m_query.split(u' ', Qt::SkipEmptyParts);
    QList<Entry> entries;
    for (const auto &action : std::as_const(m_actions)) {
        if (!action || !action->isEnabled() || !action->isVisible())
            continue;
        const QString title = actionText(action);
        if (title.isEmpty() || !matchesAll(words, title))
            continue;
        entries.append(
            {Kind::Action, title, action->shortcut().toString(QKeySequence::NativeText), {}, action, 0, {}});
    }
    if (m_sandboxes && !words.isEmpty()) {
        QList<Entry> sandboxes;
        m_sandboxes([&](const Orkestr::Sandbox &sandbox) {
            if (!matchesAll(words, sandboxHaystack(sandbox)))
                return;
            const bool idPrefix = sandbox.id.startsWith(words.constFirst(), Qt::CaseInsensitive)
                || sandbox.id.mid(4).startsWith(words.constFirst(), Qt::CaseInsensitive);
            sandboxes.append({Kind::Sandbox, sandbox.id,
                              u"%1 · %2 · %3  %4"_s.arg(sandbox.statusText, sandbox.templateName,
                                                        sandbox.region, metadataText(sandbox)),
                              sandbox.id, nullptr, idPrefix ? 1 : 2, sandbox.createdAt});
        });
        std::sort(sandboxes.begin(), sandboxes.end(), [](const Entry &a, const Entry &b) {
            return a.rank != b.rank ? a.rank < b.rank : a.createdAt > b.createdAt;
        });
        entries.append(sandboxes);
    }
    if (entries.size() > m_limit)
        entries.resize(m_limit);
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int PaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant PaletteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.detail.isEmpty() ? entry.title : u"%1    %2"_s.arg(entry.title, entry.detail);
    case Qt::ToolTipRole:
        return entry.detail;
    case Qt::AccessibleTextRole:
        return entry.kind == Kind::Action ? tr("Action: %1").arg(entry.title)
                                          : tr("Sandbox %1").arg(entry.title);
    case Qt::DecorationRole:
        return entry.action ? entry.action->icon() : QVariant();
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case SandboxIdRole:
        return entry.sandboxId;
    case ActionRole:
        return QVariant::fromValue(static_cast<QObject *>(entry.action.data()));
    default:
        return {};
    }
}

} // namespace OrkestrUi
