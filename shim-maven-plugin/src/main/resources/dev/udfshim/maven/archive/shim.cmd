@echo off
rem Starts the UDF shim runtime from this artifact: bin\shim.cmd serve --handler_name extraction --config_override_dir DIR
rem SHIM_HEAP: heap options, default -XX:MaxRAMPercentage=75. JAVA_OPTS: more JVM options, applied last.
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
if not defined SHIM_HEAP set "SHIM_HEAP=-XX:MaxRAMPercentage=75"
"%JAVA%" %SHIM_HEAP% -XX:+ExitOnOutOfMemoryError %JAVA_OPTS% -cp "%HERE%\lib\runtime\*;%HERE%\lib\udf\*" dev.udfshim.runtime.cli.ShimCli %*
