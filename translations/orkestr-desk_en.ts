<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>OrkestrSession::ActivityHtml</name>
    <message numerus="yes">
        <source>%n event(s),</source>
        <translation>
            <numerusform>%n event,</numerusform>
            <numerusform>%n events,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exec(s).</source>
        <translation>
            <numerusform>%n exec.</numerusform>
            <numerusform>%n execs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxActions</name>
    <message numerus="yes">
        <source>Terminate %n sandboxes? Their processes stop and their files are deleted.</source>
        <translation>
            <numerusform>Terminate %n sandbox? Its processes stop and its files are deleted.</numerusform>
            <numerusform>Terminate %n sandboxes? Their processes stop and their files are deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AccountPage</name>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused sandbox(es), each keeping one snapshot</source>
        <translation>
            <numerusform>%n paused sandbox, keeping one snapshot</numerusform>
            <numerusform>%n paused sandboxes, each keeping one snapshot</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AttentionStrip</name>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expiring within 5 minutes</source>
        <translation>
            <numerusform>%n expiring within 5 minutes</numerusform>
            <numerusform>%n expiring within 5 minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::EditorTab</name>
    <message numerus="yes">
        <source>%n replacement(s).</source>
        <translation>
            <numerusform>%n replacement.</numerusform>
            <numerusform>%n replacements.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::NewEventsMarker</name>
    <message numerus="yes">
        <source>↓ %n new event(s)</source>
        <translation>
            <numerusform>↓ %n new event</numerusform>
            <numerusform>↓ %n new events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxTreeModel</name>
    <message numerus="yes">
        <source>Highest in the last %n minute(s): %1</source>
        <translation>
            <numerusform>Highest in the last %n minute: %1</numerusform>
            <numerusform>Highest in the last %n minutes: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxesPage</name>
    <message numerus="yes">
        <source>Working on %n sandboxes…</source>
        <translation>
            <numerusform>Working on %n sandbox…</numerusform>
            <numerusform>Working on %n sandboxes…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SnapshotCapDialog</name>
    <message numerus="yes">
        <source>All %n snapshot slot(s) of the %1 plan are in use (%2). Resume or terminate a paused sandbox to free one, then pause again.</source>
        <translation>
            <numerusform>The %1 plan&apos;s %n snapshot slot is in use (%2). Resume or terminate the paused sandbox to free it, then pause again.</numerusform>
            <numerusform>All %n snapshot slots of the %1 plan are in use (%2). Resume or terminate a paused sandbox to free one, then pause again.</numerusform>
        </translation>
    </message>
</context>
</TS>
