@echo off
rem Starts the UDF shim runtime from this artifact: bin\shim.cmd serve --handler_name extraction --config_override_dir DIR
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" %JAVA_OPTS% -cp "%HERE%\lib\runtime\*;%HERE%\lib\udf\*" dev.udfshim.runtime.cli.ShimCli %*
