// OrkestrUi::DialogPrompter, offscreen: questions open window-modal dialogs with open() and return
// at once; the answer arrives when the dialog closes (accept, cancel, typed text), exactly once.

#include "ui/dialogprompter.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrSession::Question;

class TestDialogPrompter : public QObject
{
    Q_OBJECT

    template<class Dialog> static Dialog *openDialog(QWidget &parent)
    {
        Dialog *found = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (found = parent.findChild<Dialog *>()) && found->isVisible(); }, 5000);
        return shown ? found : nullptr;
    }

private Q_SLOTS:
    void confirmAnswersWhenTheDialogCloses()
    {
        QWidget window;
        window.show();
        OrkestrUi::DialogPrompter prompter(&window);
        QList<bool> answers;
        prompter.confirm({u"Delete?"_s, u"Delete /workspace/a?"_s, u"Delete"_s, true},
                         [&](bool yes) { answers.append(yes); });
        QVERIFY(answers.isEmpty()); // no nested event loop: it returned before any answer
        auto *box = openDialog<QMessageBox>(window);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete /workspace/a?"_s);
        QCOMPARE(box->windowModality(), Qt::WindowModal);
        // Destructive: Enter cancels.
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QPushButton *accept = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == u"Delete"_s)
                accept = qobject_cast<QPushButton *>(button);
        }
        QVERIFY(accept);
        accept->click();
        QTRY_COMPARE(answers, QList<bool> {true});

        prompter.confirm({u"Replace?"_s, u"Replace it?"_s, u"Replace"_s, false},
                         [&](bool yes) { answers.append(yes); });
        box = openDialog<QMessageBox>(window);
        QVERIFY(box);
        QCOMPARE(box->defaultButton()->text(), u"Replace"_s);
        box->button(QMessageBox::Cancel)->click();
        QTRY_COMPARE(answers, (QList<bool> {true, false}));
        QTest::qWait(50);
        QCOMPARE(answers.size(), 2); // once each
    }

    void askTextGivesTheTextOrNothing()
    {
        QWidget window;
        window.show();
        OrkestrUi::DialogPrompter prompter(&window);
        QList<std::optional<QString>> answers;
        prompter.askText({u"Rename"_s, u"New name:"_s, u"Rename"_s}, u"old.txt"_s,
                         [&](std::optional<QString> text) { answers.append(text); });
        QVERIFY(answers.isEmpty());
        auto *dialog = openDialog<QInputDialog>(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), u"old.txt"_s);
        dialog->setTextValue(u"new name.txt"_s);
        dialog->accept();
        QTRY_COMPARE(answers.size(), 1);
        QCOMPARE(answers.first(), std::optional<QString>(u"new name.txt"_s));

        prompter.askText({u"New Folder"_s, u"Name:"_s, u"Create"_s}, {},
                         [&](std::optional<QString> text) { answers.append(text); });
        dialog = openDialog<QInputDialog>(window);
        QVERIFY(dialog);
        dialog->reject();
        QTRY_COMPARE(answers.size(), 2);
        QVERIFY(!answers.last().has_value());
    }

    void aWindowClosedWithItsDialogOpenAnswersNo()
    {
        auto window = std::make_unique<QWidget>();
        window->show();
        OrkestrUi::DialogPrompter *prompter
            = new OrkestrUi::DialogPrompter(window.get()); // owned by the window
        QList<bool> confirmed;
        QList<std::optional<QString>> texts;
        prompter->confirm({u"Delete?"_s, u"Delete it?"_s, u"Delete"_s, true},
                          [&](bool yes) { confirmed.append(yes); });
        prompter->askText({u"Rename"_s, u"New name:"_s, u"Rename"_s}, u"x"_s,
                          [&](std::optional<QString> text) { texts.append(text); });
        QVERIFY(openDialog<QMessageBox>(*window));
        window.reset();
        QCOMPARE(confirmed, QList<bool> {false});
        QCOMPARE(texts.size(), 1);
        QVERIFY(!texts.first().has_value());
    }
};

QTEST_MAIN(TestDialogPrompter)
#include "tst_dialogprompter.moc"
