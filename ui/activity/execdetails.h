#pragma once

#include "ui/activity/execoutputview.h"

#include <QHash>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace OrkestrUi {

// What one exec was: its command, cwd, env keys (never values), actor, times and status above
// its output (ExecOutputView), with "Copy command", "Save output…" and "Run again in the
// terminal". The widget shows and forwards: saving and running again are the tab's to do; the
// run-again button is hidden where the token may not write.
class ExecDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ExecDetails(QWidget *parent = nullptr);

    // The value shown for a field: "command", "cwd", "env_keys", "actor", "started", "finished",
    // "status".
    void setField(const QString &field, const QString &text);
    QString fieldText(const QString &field) const;
    void setCommand(const QString &command);
    QString command() const { return m_command; }
    void clearFields();

    ExecOutputView *output() const { return m_output; }
    void setRunAgainAllowed(bool allowed);
    void setSaveEnabled(bool enabled);
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *runAgainButton() const { return m_runAgain; }

Q_SIGNALS:
    void saveOutputRequested();
    void runAgainRequested();

private:
    QFormLayout *m_form;
    QHash<QString, QLabel *> m_fields;
    QString m_command;
    ExecOutputView *m_output;
    QPushButton *m_copy;
    QPushButton *m_save;
    QPushButton *m_runAgain;
};

} // namespace OrkestrUi
