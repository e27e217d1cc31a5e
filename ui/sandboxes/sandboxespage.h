#pragma once

#include "core/account.h"
#include "core/apierror.h"
#include "core/sandbox.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSplitter;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;

namespace Orkestr {
class Client;
}

namespace OrkestrUi {

class CreateSandboxDialog;
class SandboxDetails;
class SandboxPoller;

// The dashboard's main page: the grouped sandbox list with facets and search, the details of
// the selected sandbox, and the actions (pause, resume, terminate, several at once).
class SandboxesPage : public QWidget
{
    Q_OBJECT
public:
    enum class Action { Pause, Resume, Terminate };
    Q_ENUM(Action)

    struct ActionResult
    {
        QString sandboxId;
        Orkestr::ApiError error; // none on success
    };

    explicit SandboxesPage(Orkestr::Client *client, QWidget *parent = nullptr);

    // The account decides the snapshot quota (pausing is prevented when it is full) and, with
    // setInspectOnly, whether any write action is offered.
    void setAccount(const Orkestr::Account &account);
    void setInspectOnly(bool inspectOnly);
    bool isReadOnly() const;

    void startUpdates();
    void stopUpdates();
    void refresh();

    SandboxTreeModel *model() const { return m_model; }
    SandboxPoller *poller() const { return m_poller; }
    QTreeView *view() const { return m_view; }
    SandboxDetails *details() const { return m_details; }
    QAction *action(Action action) const;
    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);
    QString freshnessText() const;
    QString resultText() const;
    // What the list says when it shows no sandbox; empty while it shows some.
    QString emptyHintText() const;

    // Asked before terminating; tests answer without a dialog.
    void setConfirmation(std::function<bool(const QString &question)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    // Shown when the server refuses a pause with snapshot_cap_reached; tests replace it.
    void setSnapshotCapHandler(std::function<void(const Orkestr::ApiError &)> handler)
    {
        m_snapshotCapHandler = std::move(handler);
    }

    // Column widths and order, and the grouping, kept across restarts.
    void saveLayout(QSettings &settings) const;
    void restoreLayout(QSettings &settings);
    // Puts a widget (the terminals and files of the selected sandbox) under the list.
    void setWorkbench(QWidget *workbench);
    // Opens the create dialog (non-modal); nullptr when read-only.
    CreateSandboxDialog *openCreateDialog();
    // Runs an action on sandboxes, one request each; results come with actionFinished().
    void run(Action action, const QStringList &ids);

Q_SIGNALS:
    void actionFinished(OrkestrUi::SandboxesPage::Action action,
                        const QList<OrkestrUi::SandboxesPage::ActionResult> &results);
    // Pause, resume and terminate change the snapshot quota and usage.
    void accountMayHaveChanged();
    void currentSandboxChanged(const std::optional<Orkestr::Sandbox> &sandbox);

private:
    void buildUi();
    void updateActions();
    void updateFacets();
    void updateEmptyHint();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void onFacetChanged(QTreeWidgetItem *item);
    void showSnapshotCapDialog(const Orkestr::ApiError &error);
    std::optional<Orkestr::Sandbox> currentSandbox() const;

    Orkestr::Client *m_client;
    SandboxTreeModel *m_model;
    SandboxPoller *m_poller;
    Orkestr::Account m_account;
    bool m_haveAccount = false;
    bool m_inspectOnly = false;
    int m_actionsRunning = 0;
    std::function<bool(const QString &)> m_confirm;
    std::function<void(const Orkestr::ApiError &)> m_snapshotCapHandler;

    QLineEdit *m_search = nullptr;
    QComboBox *m_grouping = nullptr;
    QTreeWidget *m_facets = nullptr;
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
    bool m_updatingFacets = false;
    bool m_columnsSized = false;
};

} // namespace OrkestrUi

Q_DECLARE_METATYPE(OrkestrUi::SandboxesPage::ActionResult)
