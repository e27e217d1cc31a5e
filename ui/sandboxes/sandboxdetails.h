#pragma once

#include "core/sandbox.h"
#include "session/sandboxactions.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QScrollArea;

namespace OrkestrUi {

// The Overview of a sandbox view: every field of the sandbox, its metadata as "key = value"
// lines, env keys (never values), the countdown to its expiry, the snapshot's size and age while
// paused, and quick actions that it forwards (the view runs them).
class SandboxDetails : public QWidget
{
    Q_OBJECT
public:
    using Action = OrkestrSession::SandboxActions::Action;

    explicit SandboxDetails(QWidget *parent = nullptr);
    void setSandbox(const std::optional<Orkestr::Sandbox> &sandbox);
    std::optional<Orkestr::Sandbox> sandbox() const { return m_sandbox; }
    // The value shown for a field, by its wire name, or "metadata" and "time_left" (for tests and
    // accessibility).
    QString fieldText(const QString &field) const;
    // Which quick actions apply now (the session's rules decide; the view asks them).
    void setActionEnabled(Action action, bool enabled);
    void setTerminalEnabled(bool enabled);
    // Why and by whom the sandbox ended, from its journal (empty: not known, or it has not).
    void setEnding(const QString &text);
    QPushButton *actionButton(Action action) const;
    QPushButton *terminalButton() const { return m_openTerminal; }

Q_SIGNALS:
    void actionRequested(OrkestrSession::SandboxActions::Action action);
    void terminalRequested();

private:
    QLabel *addField(const QString &field, const QString &label);
    QPushButton *addButton(const QString &text, const QString &name, const QString &tip);
    void updateTimeLeft();

    std::optional<Orkestr::Sandbox> m_sandbox;
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QLabel *m_title;
    QHash<int, QPushButton *> m_actionButtons;
    QPushButton *m_openTerminal;
    QPushButton *m_copyId;
    QLabel *m_empty;
    QWidget *m_content;
    QScrollArea *m_scroll;
    QTimer m_countdown;
};

} // namespace OrkestrUi
