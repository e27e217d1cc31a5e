#pragma once

#include "core/sandbox.h"
#include "session/sandboxactions.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QWidget>

#include <array>
#include <functional>
#include <optional>

class QAction;
class QKeyEvent;
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

class AttentionStrip;
class CreateSandboxDialog;
class SandboxColumns;
class SandboxFacets;
class SandboxUsage;

// The dashboard's main page: the grouped sandbox list with facets, search and what needs
// attention, the actions (pause, resume, terminate, several at once), and beside the list the
// view of the selected or opened sandboxes (setWorkbench). It shows the session's store and
// forwards what the user asks for to the session's actions.
//
// Keys in the list: arrows or j/k move, Enter opens the sandbox in a tab of its own, / searches.
class SandboxesPage : public QWidget
{
    Q_OBJECT
public:
    using Action = OrkestrSession::SandboxActions::Action;

    explicit SandboxesPage(OrkestrSession::Session *session, QWidget *parent = nullptr);

    void refresh();

    OrkestrSession::Session *session() const { return m_session; }
    SandboxTreeModel *model() const { return m_model; }
    // The recent CPU and memory use the list's usage columns show.
    SandboxUsage *usage() const { return m_usage; }
    OrkestrSession::SandboxPoller *poller() const;
    QTreeView *view() const { return m_view; }
    SandboxColumns *columns() const { return m_columns; }
    AttentionStrip *attentionStrip() const { return m_attention; }
    QLineEdit *searchBox() const { return m_search; }
    QAction *action(Action action) const;
    QAction *createAction() const { return m_createAction; }
    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);
    QString freshnessText() const;
    QString resultText() const;
    // What the list says when it shows no sandbox; empty while it shows some.
    QString emptyHintText() const;

    // Column widths and order, and the grouping, kept across restarts.
    void saveLayout(QSettings &settings) const;
    void restoreLayout(QSettings &settings);
    // Puts a widget (the view of the selected and opened sandboxes) beside the list.
    void setWorkbench(QWidget *workbench);
    // Shows only the sandboxes that need attention (the strip's button does the same).
    void setAttentionOnly(bool only);
    // Moves the keyboard focus to the list (on its current row, or the first sandbox).
    void focusList();
    // Opens the create dialog (non-modal); nullptr when read-only.
    CreateSandboxDialog *openCreateDialog();

Q_SIGNALS:
    // The one selected sandbox (none for zero or several), when the selection or its data changes.
    void currentSandboxChanged(const std::optional<Orkestr::Sandbox> &sandbox);
    // Enter or a double click: the user wants the sandbox in a view of its own.
    void openRequested(const QString &sandboxId);

private:
    void buildUi();
    void updateActions();
    void updateEmptyHint();
    void followSelection();
    // The facets, the list and the view share a large window's width (until a handle is moved).
    void applyDefaultShares();
    void showResult(const OrkestrSession::SandboxActions::Result &result);
    void showSnapshotCapDialog(const Orkestr::ApiError &error);
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool handleListKey(QKeyEvent *event);
    void applyFilter(const std::function<void(SandboxFilter &)> &change);
    std::optional<Orkestr::Sandbox> currentSandbox() const;

    OrkestrSession::Session *m_session;
    OrkestrSession::SandboxActions *m_actions;
    SandboxTreeModel *m_model;
    SandboxUsage *m_usage;

    QLineEdit *m_search = nullptr;
    QComboBox *m_grouping = nullptr;
    SandboxFacets *m_facets = nullptr;
    QTreeView *m_view = nullptr;
    QSplitter *m_splitter = nullptr;
    SandboxColumns *m_columns = nullptr;
    AttentionStrip *m_attention = nullptr;
    QLabel *m_freshness = nullptr;
    QLabel *m_results = nullptr;
    QLabel *m_emptyHint = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_createAction = nullptr;
    std::array<QAction *, 3> m_sandboxActions {}; // by Action: pause, resume, terminate
    QAction *m_copyIdAction = nullptr;
    bool m_columnsSized = false;
    bool m_defaultShares = true;
};

} // namespace OrkestrUi
