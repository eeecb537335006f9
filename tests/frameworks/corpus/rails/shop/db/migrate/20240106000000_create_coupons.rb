class CreateCoupons < ActiveRecord::Migration[6.1]
  def change
    create_table :coupons do |t|
      t.string :code, null: false
      t.references :user
    end
    add_column :users, :coupon_code, :string
    rename_column :orders, :currency, :currency_code
  end
end
