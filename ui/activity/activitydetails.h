#pragma once

#include "core/activity.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;

namespace Orkestr {
class ListFilesJob;
}
namespace OrkestrSession {
class ActivityStore;
class ExecOutput;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class EventDetails;
class ExecDetails;

// The lower half of the Activity tab: what the selected event is. An exec (its started or
// finished event) shows ExecDetails with the output attached from the session's ExecOutput (live
// while it runs); a file event offers to open the file in Files, or says that it is gone;
// network.denied explains the sandbox's network policy; request.failed shows the request id to
// copy for support. Running again and opening a file are forwarded to the sandbox view.
class ActivityDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityDetails(OrkestrSession::Session *session, QWidget *parent = nullptr);
    ~ActivityDetails() override;

    // Shows an event of the store (nothing: the placeholder).
    void setEvent(const std::shared_ptr<OrkestrSession::ActivityStore> &store,
                  const std::optional<Orkestr::ActivityEvent> &event);
    void setReadOnly(bool readOnly);

    ExecDetails *execDetails() const { return m_exec; }
    EventDetails *eventDetails() const { return m_event; }
    OrkestrSession::ExecOutput *execOutput() const { return m_output; }
    QString shownExecId() const { return m_execId; }

Q_SIGNALS:
    void openFileRequested(const QString &sandboxId, const QString &path);
    // Runs `command` in `cwd` in a terminal of the sandbox.
    void runRequested(const QString &sandboxId, const QString &command, const QString &cwd);
    // A message for the status line (a saved output, a failed save).
    void message(const QString &text);

private:
    void showExec(const Orkestr::ActivityEvent &event);
    void fillExecFields();
    void attachOutput();
    void onPiecesAppended(int first, int count);
    void onOutputState();
    void saveOutput();
    void showFileEvent(const Orkestr::ActivityEvent &event);
    void showNetworkDenied(const Orkestr::ActivityEvent &event);
    void showRequestFailed(const Orkestr::ActivityEvent &event);
    void showOtherEvent(const Orkestr::ActivityEvent &event);
    void detach();

    OrkestrSession::Session *m_session;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    ExecDetails *m_exec;
    EventDetails *m_event;
    std::shared_ptr<OrkestrSession::ActivityStore> m_store;
    OrkestrSession::ExecOutput *m_output = nullptr;
    QString m_execId;
    QStringList m_envKeys;
    QString m_startedCwd;
    bool m_startedInteractive = false;
    QPointer<Orkestr::ListFilesJob> m_fileCheck;
    bool m_readOnly = false;
};

} // namespace OrkestrUi
