#pragma once

#include "core/sandbox.h"

#include <QAbstractListModel>
#include <QPointer>

#include <functional>

class QAction;

namespace OrkestrUi {

// What the command palette (Ctrl+K) finds: actions by name and sandboxes by id, template,
// region, status or metadata ("agent_run=r_42"). Every word typed must match; actions come
// first, then sandboxes whose id starts with what was typed, then the rest, newest first.
class PaletteModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        SandboxIdRole,
        ActionRole, // QAction *
    };
    enum class Kind { Action, Sandbox };
    Q_ENUM(Kind)

    // Calls the visitor with every sandbox there is; the model keeps none of them.
    using SandboxSource = std::function<void(const std::function<void(const Orkestr::Sandbox &)> &visit)>;

    explicit PaletteModel(QObject *parent = nullptr);

    void setActions(const QList<QAction *> &actions);
    void setSandboxSource(SandboxSource source);
    void setQuery(const QString &query);
    QString query() const { return m_query; }
    // How many entries at most (a palette is for finding one, not for browsing 10,000).
    void setLimit(int limit) { m_limit = limit; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static QString actionText(const QAction *action);

private:
    struct Entry
    {
        Kind kind = Kind::Action;
        QString title;
        QString detail;
        QString sandboxId;
        QPointer<QAction> action;
        int rank = 0;
        QDateTime createdAt;
    };
    void rebuild();

    QList<QPointer<QAction>> m_actions;
    SandboxSource m_sandboxes;
    QString m_query;
    int m_limit = 50;
    QList<Entry> m_entries;
};

} // namespace OrkestrUi
