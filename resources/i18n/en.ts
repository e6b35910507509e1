<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Record %n step(s)</source>
        <translation>
            <numerusform>Record %n step</numerusform>
            <numerusform>Record %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n switched off</source>
        <translation>
            <numerusform>%n is switched off</numerusform>
            <numerusform>%n are switched off</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n new picture(s) in the robot.</source>
        <translation>
            <numerusform>Saved %n new picture in the robot.</numerusform>
            <numerusform>Saved %n new pictures in the robot.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n step(s) in {seconds} s</source>
        <translation>
            <numerusform>Done: %n step in {seconds} s</numerusform>
            <numerusform>Done: %n steps in {seconds} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Insert %n step(s)</source>
        <translation>
            <numerusform>Insert %n step</numerusform>
            <numerusform>Insert %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Delete %n step</numerusform>
            <numerusform>Delete %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Move %n step</numerusform>
            <numerusform>Move %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n step(s)</source>
        <translation>
            <numerusform>Duplicate %n step</numerusform>
            <numerusform>Duplicate %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch on %n step(s)</source>
        <translation>
            <numerusform>Switch on %n step</numerusform>
            <numerusform>Switch on %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch off %n step(s)</source>
        <translation>
            <numerusform>Switch off %n step</numerusform>
            <numerusform>Switch off %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n step(s)</source>
        <translation>
            <numerusform>Paste %n step</numerusform>
            <numerusform>Paste %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n step(s)</source>
        <translation>
            <numerusform>Copied %n step</numerusform>
            <numerusform>Copied %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut %n step(s)</source>
        <translation>
            <numerusform>Cut %n step</numerusform>
            <numerusform>Cut %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The robot will handle %n case(s).</source>
        <translation>
            <numerusform>The robot will handle %n case.</numerusform>
            <numerusform>The robot will handle %n cases.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be run and are left out:</source>
        <translation>
            <numerusform>%n row cannot be run and is left out:</numerusform>
            <numerusform>%n rows cannot be run and are left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run %n case(s)</source>
        <translation>
            <numerusform>Run %n case</numerusform>
            <numerusform>Run %n cases</numerusform>
        </translation>
    </message>
</context>
</TS>
