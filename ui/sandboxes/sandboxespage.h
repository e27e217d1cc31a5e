#pragma once

#include "core/sandbox.h"
#include "session/sandboxactions.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTreeView;

namespace OrkestrSession {
class SandboxPoller;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class CreateSandboxDialog;
class SandboxDetails;
class SandboxFacets;

// The dashboard's main page: the grouped sandbox list with facets and search, the details of
// the selected sandbox, and the actions (pause, resume, terminate, several at once). It shows the
// session's store and forwards what the user asks for to the session's actions.
class SandboxesPage : public QWidget
{
    Q_OBJECT
public:
    using Action = OrkestrSession::SandboxActions::Action;

    explicit SandboxesPage(OrkestrSession::Session *session, QWidget *parent = nullptr);

    void refresh();

    OrkestrSession::Session *session() const { return m_session; }
    SandboxTreeModel *model() const { return m_model; }
    OrkestrSession::SandboxPoller *poller() const;
    QTreeView *view() const { return m_view; }
    SandboxDetails *details() const { return m_details; }
    QAction *action(Action action) const;
    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);
    QString freshnessText() const;
    QString resultText() const;
    // What the list says when it shows no sandbox; empty while it shows some.
    QString emptyHintText() const;

    // Column widths and order, and the grouping, kept across restarts.
    void saveLayout(QSettings &settings) const;
    void restoreLayout(QSettings &settings);
    // Puts a widget (the terminals and files of the selected sandbox) under the list.
    void setWorkbench(QWidget *workbench);
    // Opens the create dialog (non-modal); nullptr when read-only.
    CreateSandboxDialog *openCreateDialog();

Q_SIGNALS:
    void currentSandboxChanged(const std::optional<Orkestr::Sandbox> &sandbox);

private:
    void buildUi();
    void updateActions();
    void updateEmptyHint();
    void followSelection();
    void showResult(const OrkestrSession::SandboxActions::Result &result);
    void showSnapshotCapDialog(const Orkestr::ApiError &error);
    bool eventFilter(QObject *watched, QEvent *event) override;
    std::optional<Orkestr::Sandbox> currentSandbox() const;

    OrkestrSession::Session *m_session;
    OrkestrSession::SandboxActions *m_actions;
    SandboxTreeModel *m_model;

    QLineEdit *m_search = nullptr;
    QComboBox *m_grouping = nullptr;
    SandboxFacets *m_facets = nullptr;
    QTreeView *m_view = nullptr;
    QSplitter *m_centerSplitter = nullptr;
    SandboxDetails *m_details = nullptr;
    QLabel *m_freshness = nullptr;
    QLabel *m_results = nullptr;
    QLabel *m_emptyHint = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_createAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_terminateAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    bool m_columnsSized = false;
};

} // namespace OrkestrUi
