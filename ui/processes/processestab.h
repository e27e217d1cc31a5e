#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;

namespace Orkestr {
struct ProcessInfo;
}

namespace OrkestrSession {
class ProcessesStore;
class ProcessTreeModel;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class StatePage;

// The Processes tab of the sandbox view: the sandbox's processes as a tree by parent, sortable by
// every column, refreshed every 2 s while the tab is visible (and not at all otherwise). Each row
// names the exec that started it; activating that cell asks for the exec in the Activity tab.
// Signal… and Kill go through the session's ProcessSignaller, which asks first and refuses for a
// read-only session; outcomes and errors (with their request id) show under the tree.
class ProcessesTab : public QWidget
{
    Q_OBJECT
public:
    // The signals Signal… offers, in its menu's order.
    static QList<int> offeredSignals();

    explicit ProcessesTab(OrkestrSession::Session *session, QWidget *parent = nullptr);
    ~ProcessesTab() override;

    // Empty: nothing to show.
    void showSandbox(const QString &sandboxId);
    QString sandboxId() const { return m_sandboxId; }
    void setReadOnly(bool readOnly);

    QTreeView *tree() const { return m_tree; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    OrkestrSession::ProcessTreeModel *model() const { return m_model.get(); }
    OrkestrSession::ProcessesStore *store() const { return m_store.get(); }
    QPushButton *signalButton() const { return m_signal; }
    QMenu *signalMenu() const { return m_signalMenu; }
    QPushButton *killButton() const { return m_kill; }
    // The last outcome or error shown under the tree.
    QString messageText() const;
    // The sentence shown instead of the tree; empty when the tree is shown.
    QString stateText() const;
    // The selected process (nullptr when none).
    const Orkestr::ProcessInfo *currentProcess() const;
    // Selects a process by pid; false when it is not listed.
    bool selectPid(qint64 pid);
    // Sends a signal to the selected process (asking first).
    void signalCurrent(int signal);

Q_SIGNALS:
    // The exec that started a process, to be shown in the Activity tab.
    void execRequested(const QString &sandboxId, const QString &execId);

private:
    void updateState();
    void updateActions();
    void showMessage(const QString &text, bool error);
    void onActivated(const QModelIndex &index);
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

    OrkestrSession::Session *m_session;
    QString m_sandboxId;
    bool m_readOnly = false;
    bool m_expandedOnce = false;
    bool m_offlineShown = false; // the message under the tree says a refresh failed
    QSortFilterProxyModel *m_proxy;
    QPushButton *m_signal;
    QMenu *m_signalMenu = nullptr;
    QPushButton *m_kill;
    QPushButton *m_showExec;
    QStackedWidget *m_stack;
    StatePage *m_statePage;
    QTreeView *m_tree;
    QLabel *m_message;
    // The shown sandbox's processes, refreshed while the tab is visible.
    std::unique_ptr<OrkestrSession::ProcessesStore> m_store;
    std::unique_ptr<OrkestrSession::ProcessTreeModel> m_model;
};

} // namespace OrkestrUi
