package dev.udfshim.maven.fork;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of the forked JVM, on its class path beside the shim runtime and the project. It
 * answers {@link ForkedRuntime}'s calls, one request line on standard input each, and exits when
 * standard input ends: when Maven closes it, ends or is killed. Uses the JDK only, since nothing of
 * the plugin's class path is there.
 *
 * <p>Request: {@code <class> <method> <base64 argument>}. Answer, on the standard output it keeps
 * for itself: {@code <marker> OK <base64 answer>} or {@code <marker> ERR <base64 message>}.
 * Everything the UDF or the runtime prints goes to standard error.
 */
public final class ForkMain {
  static final String MARKER = "@@shim-fork@@";

  private ForkMain() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream answers = System.out;
    System.setOut(System.err);
    BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    Thread stdin =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  requests.add(line);
                }
              } catch (java.io.IOException e) {
                // the parent is gone: same as the end of input
              }
              // Maven ended or was killed: stop, running the shutdown hooks (the server's close).
              System.exit(0);
            },
            "shim-fork-stdin");
    stdin.setDaemon(true);
    stdin.start();
    while (true) {
      String request = requests.take();
      answers.println(MARKER + " " + answer(request));
      answers.flush();
    }
  }

  private static String answer(String request) {
    String[] parts = request.split(" ", 3);
    try {
      Class<?> type = Class.forName(parts[0]);
      String argument = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
      Object result = type.getMethod(parts[1], String.class).invoke(null, argument);
      return "OK " + encode(String.valueOf(result));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      cause.printStackTrace();
      return "ERR " + encode("The shim runtime failed in " + parts[1] + ": " + cause);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return "ERR "
          + encode(
              "The forked JVM has no usable "
                  + parts[0]
                  + " ("
                  + e
                  + "); the plugin and shim-runtime versions must be equal.");
    }
  }

  static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
