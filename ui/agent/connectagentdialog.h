#pragma once

#include "session/agenttokenissuer.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;
class QWidget;

namespace OrkestrUi {

// "Connect an agent": the user names the agent and chooses its access; the dialog has the
// workflow (AgentTokenIssuer) mint the token and shows, once, what to paste into the agent's
// environment, each with a Copy button. The token leaves with the dialog.
class ConnectAgentDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectAgentDialog(const OrkestrSession::LocalServerTarget &target,
                       OrkestrSession::AgentTokenIssuer::Keeper keeper, QWidget *parent = nullptr);
    ~ConnectAgentDialog() override;

private:
    void createToken();
    void showCredentials(const OrkestrSession::AgentCredentials &credentials);
    QWidget *copyableLine(const QString &text, const QString &objectName);
    QWidget *copyableSnippet(const QString &text, const QString &objectName);
    QPushButton *copyButton(const QString &objectName, std::function<QString()> text);

    QWidget *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QRadioButton *m_readOnly = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_create = nullptr;
    QWidget *m_result = nullptr;
    QVBoxLayout *m_resultLayout = nullptr;
    OrkestrSession::AgentTokenIssuer m_issuer;
};

} // namespace OrkestrUi
