package com.example.consumer;

import io.syncline.SyncEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** A service that keeps a local copy of an API's items. */
@SpringBootApplication
public class ConsumerApplication {

  public static void main(String[] args) {
    try (ConfigurableApplicationContext ctx = SpringApplication.run(ConsumerApplication.class, args)) {
      ctx.getBean(SyncEngine.class).syncAll().forEach(System.out::println);
    }
  }
}
