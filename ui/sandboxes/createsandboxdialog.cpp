#include "ui/sandboxes/createsandboxdialog.h"

#include "core/catalogjobs.h"
#include "core/client.h"
#include "core/sandboxjobs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

CreateSandboxDialog::CreateSandboxDialog(Orkestr::Client *client, const Orkestr::Account &account,
                                         QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_limits(account.limits)
    , m_plan(account.plan)
    , m_template(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_cpu(new QDoubleSpinBox(this))
    , m_memory(new QSpinBox(this))
    , m_timeout(new QSpinBox(this))
    , m_network(new QComboBox(this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("New sandbox"));
    setObjectName(u"createSandboxDialog"_s);
    m_env = makeTable(tr("Variable"));
    m_metadata = makeTable(tr("Key"));
    m_env->setAccessibleName(tr("Environment variables"));
    m_metadata->setAccessibleName(tr("Metadata"));

    // The plan's caps bound the inputs; the defaults are the API's.
    m_cpu->setRange(0.25, account.limits.maxCpu > 0 ? account.limits.maxCpu : 64);
    m_cpu->setSingleStep(0.25);
    m_cpu->setValue(std::min(1.0, m_cpu->maximum()));
    m_cpu->setSuffix(tr(" vCPU"));
    m_memory->setRange(128, account.limits.maxMemoryMb > 0 ? account.limits.maxMemoryMb : 1 << 20);
    m_memory->setSingleStep(256);
    m_memory->setValue(std::min(2048, m_memory->maximum()));
    m_memory->setSuffix(tr(" MB"));
    m_timeout->setRange(10, account.limits.maxTimeoutSeconds > 0 ? account.limits.maxTimeoutSeconds : 86400);
    m_timeout->setValue(std::min(600, m_timeout->maximum()));
    m_timeout->setSuffix(tr(" s"));
    m_network->addItem(tr("off: no network"), u"off"_s);
    m_network->addItem(tr("restricted"), u"restricted"_s);
    m_network->addItem(tr("open"), u"open"_s);
    m_region->addItem(tr("Any region"), QString());
    m_template->setObjectName(u"templateBox"_s);
    m_region->setObjectName(u"regionBox"_s);
    m_message->setObjectName(u"createMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Template:"), m_template);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("CPU:"), m_cpu);
    form->addRow(tr("Memory:"), m_memory);
    form->addRow(tr("Timeout:"), m_timeout);
    form->addRow(tr("Network:"), m_network);
    form->addRow(tr("Environment (values are secret, never shown again):"), m_env);
    form->addRow(tr("Metadata (at most %1 keys, values up to %2 characters):")
                     .arg(Orkestr::CreateSandboxParams::MaxMetadataKeys)
                     .arg(Orkestr::CreateSandboxParams::MaxMetadataValueLength),
                 m_metadata);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateSandboxDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    for (auto *table : {m_env, m_metadata})
        connect(table, &QTableWidget::itemChanged, this, &CreateSandboxDialog::revalidate);
    connect(m_template, &QComboBox::currentIndexChanged, this, &CreateSandboxDialog::revalidate);
    loadCatalogue();
    revalidate();
    resize(560, 640);
}

QTableWidget *CreateSandboxDialog::makeTable(const QString &keyHeader)
{
    auto *table = new QTableWidget(4, 2, this);
    table->setHorizontalHeaderLabels({keyHeader, tr("Value")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->verticalHeader()->hide();
    // A spare empty row is always there to type into.
    connect(table, &QTableWidget::itemChanged, table, [table] {
        const int last = table->rowCount() - 1;
        const auto *key = table->item(last, 0);
        if (key && !key->text().isEmpty())
            table->insertRow(table->rowCount());
    });
    return table;
}

void CreateSandboxDialog::loadCatalogue()
{
    auto *templates = m_client->call<Orkestr::GetTemplatesJob>();
    templates->whenFinished(this, [this](Orkestr::GetTemplatesJob *job) {
        if (job->status() != Orkestr::Job::Status::Succeeded) {
            m_message->setText(tr("Could not load the templates: %1").arg(job->error().displayText()));
            return;
        }
        for (const auto &entry : job->templates()) {
            m_template->addItem(entry.available ? entry.name : tr("%1 (not available)").arg(entry.name),
                                entry.name);
            if (!entry.available) {
                // Shown, so the user knows it exists, but not offered.
                auto *model = qobject_cast<QStandardItemModel *>(m_template->model());
                if (model)
                    model->item(m_template->count() - 1)->setEnabled(false);
            }
        }
        m_templatesLoaded = true;
        for (int i = 0; i < m_template->count(); ++i) {
            if (m_template->model()->index(i, 0).flags() & Qt::ItemIsEnabled) {
                m_template->setCurrentIndex(i);
                break;
            }
        }
        revalidate();
        if (catalogueLoaded())
            Q_EMIT catalogueReady();
    });
    auto *regions = m_client->call<Orkestr::GetRegionsJob>();
    regions->whenFinished(this, [this](Orkestr::GetRegionsJob *job) {
        if (job->status() == Orkestr::Job::Status::Succeeded) {
            for (const auto &region : job->regions())
                m_region->addItem(tr("%1 — %2").arg(region.name, region.location), region.name);
        }
        m_regionsLoaded = true;
        if (catalogueLoaded())
            Q_EMIT catalogueReady();
    });
}

QMap<QString, QString> CreateSandboxDialog::readTable(const QTableWidget *table)
{
    QMap<QString, QString> values;
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto *key = table->item(row, 0);
        const auto *value = table->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            values.insert(key->text().trimmed(), value ? value->text() : QString());
    }
    return values;
}

void CreateSandboxDialog::fillTable(QTableWidget *table, const QMap<QString, QString> &values)
{
    const QSignalBlocker blocker(table);
    table->clearContents();
    table->setRowCount(int(values.size()) + 1);
    int row = 0;
    for (auto it = values.cbegin(); it != values.cend(); ++it, ++row) {
        table->setItem(row, 0, new QTableWidgetItem(it.key()));
        table->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
}

Orkestr::CreateSandboxParams CreateSandboxDialog::params() const
{
    Orkestr::CreateSandboxParams params;
    params.templateName = m_template->currentData().toString();
    params.region = m_region->currentData().toString();
    params.cpu = m_cpu->value();
    params.memoryMb = m_memory->value();
    params.timeoutSeconds = m_timeout->value();
    params.network = m_network->currentData().toString();
    params.env = readTable(m_env);
    params.metadata = readTable(m_metadata);
    return params;
}

QString CreateSandboxDialog::validationMessage() const
{
    const auto current = params();
    if (current.templateName.isEmpty())
        return m_templatesLoaded ? tr("Choose a template.") : tr("Loading the templates…");
    if (m_limits.maxCpu > 0 && current.cpu.value_or(1) > m_limits.maxCpu)
        return tr("The %1 plan allows at most %2 vCPU.").arg(m_plan).arg(m_limits.maxCpu);
    if (m_limits.maxMemoryMb > 0 && current.memoryMb.value_or(0) > m_limits.maxMemoryMb)
        return tr("The %1 plan allows at most %2 MB.").arg(m_plan).arg(m_limits.maxMemoryMb);
    if (const auto error = current.validate(); error.isError())
        return error.message();
    return {};
}

QString CreateSandboxDialog::errorText() const
{
    return m_message->text();
}

void CreateSandboxDialog::revalidate()
{
    if (m_job)
        return;
    const QString problem = validationMessage();
    m_createButton->setEnabled(problem.isEmpty());
    m_message->setText(problem);
}

void CreateSandboxDialog::submit()
{
    if (m_job || !validationMessage().isEmpty())
        return;
    m_createButton->setEnabled(false);
    m_message->setText(tr("Creating…"));
    m_job = m_client->call<Orkestr::CreateSandboxJob>(params());
    m_job->whenFinished(this, [this](Orkestr::CreateSandboxJob *job) {
        if (job->status() == Orkestr::Job::Status::Succeeded) {
            Q_EMIT created(job->sandbox());
            accept();
            return;
        }
        // Stay open with everything typed, and say why, with the request id.
        const auto &error = job->error();
        QString text = error.displayText();
        if (!error.field().isEmpty())
            text = tr("%1 (field: %2)").arg(text, error.field());
        m_message->setText(tr("The sandbox was not created: %1").arg(text));
        m_createButton->setEnabled(true);
    });
}

void CreateSandboxDialog::setTemplate(const QString &name)
{
    m_template->setCurrentIndex(m_template->findData(name));
}
void CreateSandboxDialog::setRegion(const QString &name)
{
    m_region->setCurrentIndex(m_region->findData(name));
}

void CreateSandboxDialog::setResources(double cpu, int memoryMb, int timeoutSeconds)
{
    m_cpu->setValue(cpu);
    m_memory->setValue(memoryMb);
    m_timeout->setValue(timeoutSeconds);
    revalidate();
}

void CreateSandboxDialog::setNetwork(const QString &network)
{
    m_network->setCurrentIndex(m_network->findData(network));
}

void CreateSandboxDialog::setEnv(const QMap<QString, QString> &env)
{
    fillTable(m_env, env);
    revalidate();
}

void CreateSandboxDialog::setMetadata(const QMap<QString, QString> &metadata)
{
    fillTable(m_metadata, metadata);
    revalidate();
}

} // namespace OrkestrUi
