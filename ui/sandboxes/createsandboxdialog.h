#pragma once

#include "core/account.h"
#include "core/sandbox.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Orkestr {
class Client;
class CreateSandboxJob;
} // namespace Orkestr

namespace OrkestrUi {

// Every parameter of Sandbox.create, with templates and regions from the server and the plan's
// caps, checked before anything is sent. On success it emits created() and closes; on failure
// it stays open with the error (and the request id) and keeps what was typed.
class CreateSandboxDialog : public QDialog
{
    Q_OBJECT
public:
    CreateSandboxDialog(Orkestr::Client *client, const Orkestr::Account &account, QWidget *parent = nullptr);

    // What the form says now, for validation and sending.
    Orkestr::CreateSandboxParams params() const;
    // The problem that stops sending, or empty.
    QString validationMessage() const;
    QString errorText() const;

    // For tests and scripted use: fill the form.
    void setTemplate(const QString &name);
    void setRegion(const QString &name);
    void setResources(double cpu, int memoryMb, int timeoutSeconds);
    void setNetwork(const QString &network);
    void setEnv(const QMap<QString, QString> &env);
    void setMetadata(const QMap<QString, QString> &metadata);
    bool catalogueLoaded() const { return m_templatesLoaded && m_regionsLoaded; }

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void created(const Orkestr::Sandbox &sandbox);
    void catalogueReady();

private:
    void loadCatalogue();
    void revalidate();
    static QMap<QString, QString> readTable(const QTableWidget *table);
    static void fillTable(QTableWidget *table, const QMap<QString, QString> &values);
    QTableWidget *makeTable(const QString &keyHeader);

    Orkestr::Client *m_client;
    // What the request is checked against: the plan's limits, and its name for the messages.
    Orkestr::Account::Limits m_limits;
    QString m_plan;
    QPointer<Orkestr::CreateSandboxJob> m_job;
    bool m_templatesLoaded = false;
    bool m_regionsLoaded = false;

    QComboBox *m_template;
    QComboBox *m_region;
    QDoubleSpinBox *m_cpu;
    QSpinBox *m_memory;
    QSpinBox *m_timeout;
    QComboBox *m_network;
    QTableWidget *m_env;
    QTableWidget *m_metadata;
    QLabel *m_message;
    QPushButton *m_createButton;
};

} // namespace OrkestrUi
