@echo off
rem Starts the UDF shim runtime from this artifact: bin\shim.cmd serve --handler_name extraction --config_override_dir DIR
rem SHIM_HEAP: heap options, default -XX:MaxRAMPercentage=75. JAVA_OPTS: more JVM options, applied last.
rem JDK 24+ (the version from the JDK's release file): the sun.misc.Unsafe and native-access warnings are off.
setlocal
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
if not defined SHIM_HEAP set "SHIM_HEAP=-XX:MaxRAMPercentage=75"
set "JDK=%JAVA_HOME%"
if not defined JDK for /f "delims=" %%j in ('where java 2^>nul') do if not defined JDK set "JDK=%%~dpj.."
set "FEATURE=0"
if exist "%JDK%\release" for /f "usebackq tokens=1,* delims==" %%a in ("%JDK%\release") do if "%%a"=="JAVA_VERSION" for /f "delims=." %%v in (%%b) do set "FEATURE=%%v"
set "FLAGS="
if %FEATURE% GEQ 24 set "FLAGS=--sun-misc-unsafe-memory-access=allow --illegal-native-access=allow"
"%JAVA%" %SHIM_HEAP% -XX:+ExitOnOutOfMemoryError %FLAGS% %JAVA_OPTS% -cp "%HERE%\lib\runtime\*;%HERE%\lib\udf\*" dev.udfshim.runtime.cli.ShimCli %*
