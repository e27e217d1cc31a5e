#include "ui/sandboxes/snapshotcapdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

SnapshotCapDialog::SnapshotCapDialog(const Orkestr::ApiError &error, const QList<Orkestr::Sandbox> &paused,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"snapshotCapDialog"_s);
    setWindowTitle(tr("Snapshot quota full"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(
        tr("All %n snapshot slot(s) of the %1 plan are in use (%2). Resume or terminate a paused "
           "sandbox to free one, then pause again.",
           nullptr, error.cap())
            .arg(error.plan(), error.displayText()),
        this);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *table = new QTableWidget(int(paused.size()), 4, this);
    table->setAccessibleName(tr("Paused sandboxes"));
    table->setHorizontalHeaderLabels({tr("Sandbox"), tr("Paused since"), tr(""), tr("")});
    table->verticalHeader()->hide();
    for (int row = 0; row < paused.size(); ++row) {
        const auto &sandbox = paused.at(row);
        table->setItem(row, 0, new QTableWidgetItem(sandbox.id));
        table->setItem(
            row, 1,
            new QTableWidgetItem(QLocale().toString(sandbox.pausedAt.toLocalTime(), QLocale::ShortFormat)));
        auto *resume = new QPushButton(tr("Resume"), table);
        auto *terminate = new QPushButton(tr("Terminate"), table);
        connect(resume, &QPushButton::clicked, this, [this, id = sandbox.id] {
            Q_EMIT resumeRequested(id);
            accept();
        });
        connect(terminate, &QPushButton::clicked, this, [this, id = sandbox.id] {
            Q_EMIT terminateRequested(id);
            accept();
        });
        table->setCellWidget(row, 2, resume);
        table->setCellWidget(row, 3, terminate);
    }
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 320);
}

} // namespace OrkestrUi
