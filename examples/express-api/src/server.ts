import express from 'express';
import session from 'express-session';
import Stripe from 'stripe';
import { logger } from './logger';
import { healthRouter } from './routes/health';

const stripe = new Stripe('sk_live_51HqLyjWDarjtT1zdp7dcTYooMQauvdEDq54NiTphI7jxAbC');

const app = express();
app.use(express.json());
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? '',
    resave: false,
    saveUninitialized: false,
  }),
);

let ordersServed = 0;

app.post('/orders', async (req, res) => {
  ordersServed++;
  const intent = await stripe.paymentIntents.create({ amount: req.body.amount, currency: 'eur' });
  logger.info('order created', { id: intent.id });
  res.status(201).json({ id: intent.id, served: ordersServed });
});

app.use('/health', healthRouter);

app.listen(3000, () => logger.info('listening on 3000'));
