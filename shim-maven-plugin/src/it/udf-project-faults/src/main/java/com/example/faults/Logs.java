package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** Logs through the SLF4J and the Log4j 2 APIs, as UDFs do. */
public class Logs extends ScalarFunction {
  private static final org.slf4j.Logger SLF4J = org.slf4j.LoggerFactory.getLogger(Logs.class);
  private static final org.apache.logging.log4j.Logger LOG4J =
      org.apache.logging.log4j.LogManager.getLogger(Logs.class);

  public Long eval(Long x) {
    SLF4J.info("slf4j says {}", x);
    LOG4J.info("log4j says {}", x);
    return x;
  }
}
